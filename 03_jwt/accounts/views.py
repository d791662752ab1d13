"""SimpleJWT's four token views, with a login throttle and a schema that tells the truth.

Every one of them answers a bad password or a bad token with a 401, which SimpleJWT's
views do not document: they authenticate nobody, so nothing in the view reveals it.
`schema_error_codes` adds it.
"""

from drf_spectacular.utils import extend_schema
from rest_framework_simplejwt import views as jwt_views

from api.throttles import LoginRateThrottle

# What verify and blacklist answer on success: `{}`, not an empty body.
EMPTY_OBJECT = {"type": "object", "properties": {}, "additionalProperties": False}


class TokenObtainPairView(jwt_views.TokenObtainPairView):
    """Answers an access token and a refresh token for a username and password.

    SimpleJWT's view has no throttle, so nothing would slow down password guessing.
    This one counts every attempt in the `login` scope, per client address.

    The refresh, verify and blacklist views are left unthrottled on purpose: they check
    a signature, not a password. A forged token fails that check without a database
    query, and a genuine one cannot be guessed.
    """

    throttle_classes = [LoginRateThrottle]
    schema_error_codes = {401}  # a wrong password, or an inactive user


class TokenRefreshView(jwt_views.TokenRefreshView):
    """Answers a new access token and a new refresh token for a refresh token.

    The refresh token it was given is blacklisted: each one works once, even when it
    arrives many times in parallel, and a used one that comes back revokes every refresh
    token of its login (accounts/jwt_revocation.py).
    """

    schema_error_codes = {401}  # a bad, expired, blacklisted or access token


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenVerifyView(jwt_views.TokenVerifyView):
    """Answers `{}` if the token, access or refresh, is genuine, unexpired and not
    blacklisted.

    drf-spectacular sees only write-only fields in the serializer and documents no body
    at all; the schema says `{}` instead.
    """

    schema_error_codes = {401}  # any token that is not all three


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenBlacklistView(jwt_views.TokenBlacklistView):
    """Blacklists a refresh token, and answers `{}`: the logout.

    The access tokens already issued keep working until they expire. The schema says
    `{}` for the reason given on `TokenVerifyView`.
    """

    schema_error_codes = {401}  # a bad, expired, already blacklisted or access token
