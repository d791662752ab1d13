"""One oauthlib server per worker, where django-oauth-toolkit builds one per request.

Why: DOT's `OAuth2Authentication.authenticate` calls `get_oauthlib_core()` on every
request, and that builds a new validator, an oauthlib `Server` with every grant type and
endpoint it knows, and the backend around them: in the bench's profile, more than the
token lookup itself. None of them keeps a request's state (oauthlib hands each request
along), so one per worker serves every request. DOT once kept a module-level one
(django-oauth-toolkit PR #421) and builds them per request again today; remove this
module if it goes back. A changed `OAUTH2_PROVIDER` setting (the tests' overrides)
builds a new one.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from oauth2_provider.oauth2_backends import get_oauthlib_core


@functools.cache
def oauthlib_core():
    return get_oauthlib_core()


@receiver(setting_changed)
def rebuild_after_a_new_setting(setting, **kwargs):
    if setting == "OAUTH2_PROVIDER":
        oauthlib_core.cache_clear()
