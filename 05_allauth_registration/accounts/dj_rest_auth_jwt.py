"""dj-rest-auth's cookie authentication and cookie refresh, with `jwt_revocation`'s checks.

dj-rest-auth subclasses SimpleJWT's upstream classes; these put the revocation-checking
ones of `jwt_revocation.py` underneath, so the `access` and `refresh` cookies are refused
as the same tokens would be in a header: an old generation, a revoked family, a claim of
the wrong type, a refresh token redeemed twice. Chapter 05 only.
"""

from dj_rest_auth import jwt_auth

from . import jwt_revocation


class JWTCookieAuthentication(jwt_auth.JWTCookieAuthentication, jwt_revocation.JWTAuthentication):
    """The `access` cookie (CSRF-checked) or `Authorization: Bearer`, one query per request."""


class CookieTokenRefreshSerializer(
    jwt_auth.CookieTokenRefreshSerializer, jwt_revocation.TokenRefreshSerializer
):
    """Reads the `refresh` cookie, then redeems it at most once (see `jwt_revocation`)."""
