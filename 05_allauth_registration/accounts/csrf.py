"""The CSRF check for requests that the refresh cookie alone authenticates.

dj-rest-auth checks the CSRF token only inside its authentication class, that is, only
when the `access` cookie is sent and still valid. `token/refresh/` and `logout/` read the
`refresh` cookie instead, so a cross-site form could refresh or log out a user with
nothing but `SameSite=Lax` in its way. These views run the same check themselves
whenever the refresh token comes from the cookie. A client that sends it in the body
(the Bearer flow) holds it in hand, and a forged cross-site request cannot.
"""

from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.jwt_auth import JWTCookieAuthentication


def refresh_from_body(request):
    """The refresh token the request carries in its JSON body, or None."""
    data = request.data
    token = data.get("refresh") if hasattr(data, "get") else None
    return token if isinstance(token, str) and token else None


class RefreshCookieCsrfMixin:
    """Refuses (403) an unsafe request that the refresh cookie authenticates, without the
    CSRF token in `X-CSRFToken`."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if refresh_from_body(request) is None and self.refresh_cookie_sent(request):
            JWTCookieAuthentication().enforce_csrf(request)

    @staticmethod
    def refresh_cookie_sent(request):
        return rest_auth_settings.JWT_AUTH_REFRESH_COOKIE in request.COOKIES
