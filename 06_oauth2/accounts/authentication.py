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
oauthlib server for every request and hands it the whole request to find one header;
here each worker builds one validator (accounts/worker_validator.py), and only the
header is read (`verify`).
"""

from django.contrib.auth.models import AnonymousUser
from oauth2_provider.bcp import bcp_compliant
from oauth2_provider.contrib.rest_framework import authentication
from oauth2_provider.settings import oauth2_settings
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS

from .worker_validator import validator


class InsufficientScope(exceptions.PermissionDenied):
    """403 with `WWW-Authenticate: Bearer ... error="insufficient_scope"`.

    DRF's exception handler copies an exception's `auth_header` into that header.
    """

    default_code = "insufficient_scope"

    def __init__(self, scope, realm):
        super().__init__(f'This token lacks the "{scope}" scope that this request needs.')
        self.auth_header = f'Bearer realm="{realm}", error="insufficient_scope", scope="{scope}"'


class CheckedRequest:
    """What DOT's validator reads and writes of an oauthlib request to check a bearer token.

    It reads the URL (for a token bound to a resource, RFC 8707) and writes the token's
    user, client, scopes and the token itself, or the error. oauthlib's own `Request`
    would parse a URL, a body and headers that the check never reads.
    """

    def __init__(self, uri):
        self.uri = uri
        self.user = self.client = self.access_token = None
        self.scopes = []


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
        """DOT's check of the bearer token, on what it reads of the request: one header.

        DOT hands oauthlib the whole request (every header, the body, the URL), and
        oauthlib parses it all to find the token; on a small GET that costs more than the
        check itself. Here the token is taken as oauthlib's `get_token_from_header` takes
        it, and the validator decides exactly as it does for DOT (expiry, audience, client,
        an inactive user: accounts/validator.py). A token in the query string is refused,
        as DOT refuses it, and one in a form body (RFC 6750, section 2.2, which DOT reads)
        is not read.
        """
        query = request.META.get("QUERY_STRING")  # parsed only if there is one
        if (
            query
            and "access_token" in request.GET
            and bcp_compliant(
                "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT",
                "Presenting an OAuth 2.0 access token in the URI query string",
            )
        ):
            return None
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is None:
            return None  # anonymous
        words = header.split()
        token = words[1] if len(words) == 2 and words[0].lower() == "bearer" else None
        checked = CheckedRequest(request.build_absolute_uri(request.path))
        if validator().validate_bearer_token(token, [], checked):
            return checked.user, checked.access_token
        request.oauth2_error = getattr(checked, "oauth2_error", {})
        return None
