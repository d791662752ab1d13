"""Chapter 03: JSON Web Tokens with SimpleJWT, refresh rotation and a blacklist.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

import os
from datetime import timedelta

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK, SECRET_KEY

INSTALLED_APPS += [
    # SimpleJWT's translations of its error messages.
    "rest_framework_simplejwt",
    # Remembers issued refresh tokens and the ones that may no longer be used.
    "rest_framework_simplejwt.token_blacklist",
    "accounts",
]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # `Authorization: Bearer <access>`. It loads the user on every request (one query),
    # so a deactivated or deleted user's token stops working at once.
    "rest_framework_simplejwt.authentication.JWTAuthentication",
]

SIMPLE_JWT = {
    # Short enough that a stolen access token is soon worthless: logout cannot revoke it.
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    # How long a client may stay logged in without typing the password again.
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    # Every refresh answers a new refresh token too...
    "ROTATE_REFRESH_TOKENS": True,
    # ...and blacklists the one it was given, so a stolen refresh token works only once.
    "BLACKLIST_AFTER_ROTATION": True,
    # Rotating the signing key logs everybody out without touching DJANGO_SECRET_KEY.
    "SIGNING_KEY": os.environ.get("JWT_SIGNING_KEY", SECRET_KEY),
    # The word before the token in the Authorization header (and in the 401 challenge).
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Leaves `last_login` alone: logging in writes nothing to the user table.
    "UPDATE_LAST_LOGIN": False,
    # Turns a refresh for a deleted user into a 401 instead of a crash.
    "TOKEN_REFRESH_SERIALIZER": "accounts.serializers.TokenRefreshSerializer",
    # Answers a blacklisted token with 401 `token_not_valid`, like every other bad token.
    "TOKEN_VERIFY_SERIALIZER": "accounts.serializers.TokenVerifySerializer",
}
