"""One request validator per worker, where django-oauth-toolkit builds one per request.

Why: DOT's `OAuth2Authentication.authenticate` calls `get_oauthlib_core()` on every
request, and that builds a new validator, an oauthlib `Server` with every grant type and
endpoint it knows, and the backend around them: in the bench's profile, more than the
token lookup itself. Checking a bearer token needs only the validator
(accounts/authentication.py), which keeps no request's state (oauthlib hands each
request along), so one per worker serves every request. DOT once kept a module-level
core (django-oauth-toolkit PR #421) and builds one per request again today. A changed
`OAUTH2_PROVIDER` setting (the tests' overrides) builds a new one.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from oauth2_provider.settings import oauth2_settings


@functools.cache
def validator():
    """The `OAUTH2_VALIDATOR_CLASS` (accounts/validator.py), built once per worker."""
    return oauth2_settings.OAUTH2_VALIDATOR_CLASS()


@receiver(setting_changed)
def rebuild_after_a_new_setting(setting, **kwargs):
    if setting == "OAUTH2_PROVIDER":
        validator.cache_clear()
