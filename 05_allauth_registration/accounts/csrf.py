"""The CSRF check for requests that a token cookie authenticates on its own.

dj-rest-auth checks the CSRF token only inside its authentication class, that is, only
when the `access` cookie is sent and still valid. `token/refresh/` and `logout/` read the
`refresh` cookie instead, so a cross-site form could refresh or log out a user with
nothing but `SameSite=Lax` in its way. These views run the same check themselves
whenever a token cookie comes with the request, whatever the body says: a forged form
can put a `refresh` field in its body, but not the CSRF token. A Bearer client (an
app) holds no cookie, so it needs no CSRF token; it sends its refresh token in the body.
"""

from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.jwt_auth import JWTCookieAuthentication


def refresh_from_body(request):
    """The refresh token the request carries in its JSON body, or None."""
    data = request.data
    token = data.get("refresh") if hasattr(data, "get") else None
    return token if isinstance(token, str) and token else None


def token_cookie_sent(request):
    """Whether the browser sent the `access` or the `refresh` cookie (an empty one, as a
    deleted cookie is left in some clients, carries nothing)."""
    names = (rest_auth_settings.JWT_AUTH_COOKIE, rest_auth_settings.JWT_AUTH_REFRESH_COOKIE)
    return any(request.COOKIES.get(name) for name in names)


class TokenCookieCsrfMixin:
    """Refuses (403) an unsafe request that carries a token cookie, without the CSRF
    token in `X-CSRFToken`."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if token_cookie_sent(request):
            JWTCookieAuthentication().enforce_csrf(request)
