"""Tells drf-spectacular that `jwt_revocation.JWTAuthentication` is SimpleJWT's Bearer scheme.

drf-spectacular knows SimpleJWT's own class only, not subclasses of it; without this
the schema would name no security scheme at all. Imported by `AccountsConfig.ready()`.
Identical in 03, 04 and 05 (a test keeps the copies in step).
"""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class JWTAuthenticationScheme(SimpleJWTScheme):
    """The same `jwtAuth` Bearer scheme, for the revocation-checking subclass."""

    target_class = "accounts.jwt_revocation.JWTAuthentication"
    match_subclasses = True
