"""Tells drf-spectacular that `dj_rest_auth_jwt.JWTCookieAuthentication` is dj-rest-auth's
header-or-cookie scheme (its extension matches dj-rest-auth's own class only). 05 only."""

from drf_spectacular.contrib.rest_auth import SimpleJWTCookieScheme


class JWTCookieAuthenticationScheme(SimpleJWTCookieScheme):
    """The same `jwtHeaderAuth` and `jwtCookieAuth` schemes, for the subclass."""

    target_class = "accounts.dj_rest_auth_jwt.JWTCookieAuthentication"
