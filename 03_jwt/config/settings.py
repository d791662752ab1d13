"""Chapter 03: JSON Web Tokens with SimpleJWT, refresh rotation and a blacklist.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from datetime import timedelta

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK, SECRET_KEY
from api.environment import env_secret

INSTALLED_APPS += [
    # SimpleJWT's translations of its error messages.
    "rest_framework_simplejwt",
    # Remembers issued refresh tokens and the ones that may no longer be used.
    "rest_framework_simplejwt.token_blacklist",
    "accounts",
]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # `Authorization: Bearer <access>`. It loads the user on every request (one query,
    # joined with the user's token generation), so a deactivated or deleted user's token,
    # or one issued before a password change, stops working at once.
    "accounts.jwt_revocation.JWTAuthentication",
]

SIMPLE_JWT = {
    # Short enough that a stolen access token is soon worthless: a plain logout does not
    # revoke it (a password change or "log out everywhere" does).
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    # How long a client may stay logged in without typing the password again.
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    # Every refresh answers a new refresh token too...
    "ROTATE_REFRESH_TOKENS": True,
    # ...and blacklists the one it was given, so a stolen refresh token works only once.
    "BLACKLIST_AFTER_ROTATION": True,
    # Rotating the signing key logs everybody out without touching DJANGO_SECRET_KEY. A
    # short JWT_SIGNING_KEY stops start-up; an empty one means "use the secret key".
    "SIGNING_KEY": env_secret("JWT_SIGNING_KEY") or SECRET_KEY,
    # The word before the token in the Authorization header (and in the 401 challenge).
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Leaves `last_login` alone: logging in writes nothing to the user table.
    "UPDATE_LAST_LOGIN": False,
    # The token classes and serializers of accounts/jwt_revocation.py: tokens carry the
    # user's generation (`gen`) and their login's family (`fam`), claims of the wrong type
    # are a 401, and a refresh token is redeemed at most once, even in parallel.
    "AUTH_TOKEN_CLASSES": ("accounts.jwt_revocation.AccessToken",),
    "TOKEN_OBTAIN_SERIALIZER": "accounts.jwt_revocation.TokenObtainPairSerializer",
    # A used refresh token that comes back revokes its whole family (reuse detection).
    "TOKEN_REFRESH_SERIALIZER": "accounts.jwt_revocation.TokenRefreshSerializer",
    # 401 `token_not_valid` for a blacklisted or revoked token, like every other bad one.
    "TOKEN_VERIFY_SERIALIZER": "accounts.jwt_revocation.TokenVerifySerializer",
    "TOKEN_BLACKLIST_SERIALIZER": "accounts.jwt_revocation.TokenBlacklistSerializer",
}

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens", the first is sent in `Authorization: <scheme> ...`),
# and where it keeps them: "cookie" means the browser holds the credential, not the page.
DEMO_CLIENT = {
    "strategy": "JWT in localStorage",
    "csrf": None,
    "login": "/api/token/",
    "tokens": ["access", "refresh"],
    "scheme": "Bearer",
    "kept": "localStorage",
    "refresh": "/api/token/refresh/",
    "logout": "/api/token/blacklist/",
    "logout_method": "POST",
    "me": "/api/customers/me/",
}
