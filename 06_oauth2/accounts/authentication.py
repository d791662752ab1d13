"""DRF authentication by an access token this server issued, with its scope checked.

django-oauth-toolkit's `OAuth2Authentication` finds the token (one query, joined with
its user and client) and answers 401 `WWW-Authenticate: Bearer realm="api"` without
one. A token seen before comes from the shared cache instead, with no query: DOT loads
it in the validator, so that is where it is remembered (accounts/validator.py,
accounts/token_cache.py), and every check below and DOT's runs on it each time. What
DOT leaves to each view is the scope, and the API's views are the same in every
chapter, so the rule lives here, where every request passes: `read` for the safe
methods, `write` for the others. A token without it gets the 403 that RFC 6750
(section 3.1) names, `insufficient_scope`, in the challenge too. And DOT builds a new
oauthlib server for every request; here each worker builds one (accounts/oauthlib_core.py).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation
from oauth2_provider.contrib.rest_framework import authentication
from oauth2_provider.settings import oauth2_settings
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS

from .oauthlib_core import oauthlib_core


class InsufficientScope(exceptions.PermissionDenied):
    """403 with `WWW-Authenticate: Bearer ... error="insufficient_scope"`.

    DRF's exception handler copies an exception's `auth_header` into that header.
    """

    default_code = "insufficient_scope"

    def __init__(self, scope, realm):
        super().__init__(f'This token lacks the "{scope}" scope that this request needs.')
        self.auth_header = f'Bearer realm="{realm}", error="insufficient_scope", scope="{scope}"'


def required_scope(method):
    """The scope a request with `method` needs."""
    if method in SAFE_METHODS:
        return oauth2_settings.READ_SCOPE
    return oauth2_settings.WRITE_SCOPE


class OAuth2Authentication(authentication.OAuth2Authentication):
    """`Authorization: Bearer <access token>`, refused unless it holds the needed scope.

    A token from the client credentials grant has no user: the request is anonymous to
    the API's permissions (an `AnonymousUser`), but it is authenticated, so the API's
    user-owned endpoints answer 403, and accounts/exceptions.py says why.
    """

    def authenticate(self, request):
        found = self.verify(request)
        if found is None:
            return None
        user, token = found
        scope = required_scope(request.method)
        if not token.allow_scopes([scope]):
            raise InsufficientScope(scope, self.www_authenticate_realm)
        return (user or AnonymousUser()), token

    def verify(self, request):
        """DOT's `authenticate`, on the worker's one oauthlib server (oauthlib_core.py)."""
        try:
            valid, answer = oauthlib_core().verify_request(request, scopes=[])
        except ValueError as error:
            if str(error) == "Invalid hex encoding in query string.":
                raise SuspiciousOperation(error) from error
            raise
        if valid:
            return answer.user, answer.access_token
        request.oauth2_error = getattr(answer, "oauth2_error", {})
        return None
