"""Chapter 03: a JWT pair from `POST /api/token/`, sent as `Authorization: Bearer <access>`."""

import datetime

from .adapter import Adapter, attempt
from .description import TOKEN_NOT_VALID, Body, Call, Header, Login, PasswordForm

CHAPTER = "03_jwt"

PAIR_ENDPOINT = PasswordForm("token-pair-endpoint", "/api/token/", wrong_password=401)

JWT = Login(
    name="jwt",
    label="JWT",
    password=PAIR_ENDPOINT,
    returned=Body("access", refresh="refresh"),
    sent=Header("Bearer"),
    challenge='Bearer realm="api"',
    # Not "revocable": logout blacklists the refresh token, but the access token already
    # issued keeps working until it expires. A password change or "log out everywhere"
    # ends both at once: the tokens carry the user's generation, read with the user.
    capabilities=frozenset(
        {
            "jwt",
            "signed-token",
            "challenge",
            "expiry",
            "stateless",
            "refresh-rotation",
            "password-change-revokes",
            "logout-everywhere",
            "credential-cache",
        }
    ),
    refresh=Call("/api/token/refresh/", refresh_field="refresh", refused=TOKEN_NOT_VALID),
    logout=Call("/api/token/blacklist/", refresh_field="refresh"),
    logout_everywhere=Call("/api/token/logout-everywhere/"),
    verify_path="/api/token/verify/",
    lifetime=datetime.timedelta(minutes=5),  # the access token's
    queries_per_request=1,  # the user, so a deactivated user's token stops at once
)

ADAPTERS = [Adapter(JWT)]


def obtain_pair(client, username, password, **extra):
    return attempt(PAIR_ENDPOINT, client, username, password, **extra)
