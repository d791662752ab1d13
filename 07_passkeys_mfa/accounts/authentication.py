"""DRF reads the credentials of both headless clients: the app's token and the browser's cookie.

Both are a Django session underneath. headless's browser client logs a session in and the
browser keeps its cookie; the app client gets the same session's key back as a token and
sends it in `X-Session-Token`. A login still waiting for its second factor has no user
in its session yet (allauth keeps it as a pending "stage"), so neither class sees a user
until the factor is given.
"""

from allauth.headless.contrib.rest_framework import authentication as allauth_drf
from rest_framework.exceptions import AuthenticationFailed


class XSessionTokenAuthentication(allauth_drf.XSessionTokenAuthentication):
    """allauth's class, with a 401 challenge and no silent pass for a dead token.

    allauth's own class treats an unknown token as no token at all and names no
    challenge, so DRF answers an anonymous request 403. Here a token that names no
    logged-in session (logged out, ended, expired, or half-way through its login) is a
    401, and every 401 says how to authenticate (RFC 7235).
    """

    allow_anonymous_users = False
    allow_invalid_session_tokens = False

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except AuthenticationFailed as failed:
            # allauth raises its bare `AuthenticationFailed()` for a half-done login.
            raise AuthenticationFailed("Invalid or expired session token.") from failed

    def authenticate_header(self, request):
        return 'X-Session-Token realm="api"'
