"""Chapter 04: Djoser's two logins, a JWT pair and a `Token` key.

The JWT login sends the notes' `JWT <access>` prefix; `Bearer` is tested on its own.
"""

import datetime

from .account_flows import link_in
from .adapter import Adapter, attempt
from .description import (
    TOKEN_NOT_VALID,
    Accounts,
    Body,
    Call,
    EmailLink,
    Header,
    Login,
    PasswordCheck,
    PasswordForm,
)

CHAPTER = "04_djoser"

JWT_CREATE = "/auth/jwt/create/"
TOKEN_LOGIN = "/auth/token/login/"

JWT_ENDPOINT = PasswordForm("jwt-create", JWT_CREATE, wrong_password=401)  # SimpleJWT's view
TOKEN_ENDPOINT = PasswordForm("token-login", TOKEN_LOGIN)

ACCOUNTS = Accounts(
    sign_up_path="/auth/users/",
    sign_up={
        "username": "carol",
        "email": "carol@example.com",
        "first_name": "Carol",
        "last_name": "Jones",
    },
    password_fields=("password",),
    created=201,
    # The activation page posts the link's uid and token.
    verification=EmailLink(
        r"/activate/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)", "/auth/users/activation/", status=204
    ),
    reset_path="/auth/users/reset_password/",
    reset=EmailLink(
        r"/password-reset/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)",
        "/auth/users/reset_password_confirm/",
        status=204,
        reused={"token": ["Invalid token for given user."]},
    ),
    new_password_fields=("new_password",),
    new_password_errors="new_password",
)

# What every Djoser login offers on top of its credential.
ACCOUNT_FLOWS = {"djoser", "challenge", "registration", "email-verification", "password-reset"}


# --- The account endpoints that check the current password ---------------------------------
# Someone holding a stolen access token could guess the password there. Each attempt is
# sent with a fresh access token of `username`, made as jwt/create makes one, so the
# attempt itself spends nothing but the guess. With the right password each one succeeds.
# (Procedures, not data: they mint the token in process.)


def signed_in(client, username):
    """`client` holding an access token of `username`'s account (made if there is none:
    a thief may hold the tokens of many accounts)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils.module_loading import import_string

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, f"{username}@example.com")
    obtain = import_string(settings.SIMPLE_JWT["TOKEN_OBTAIN_SERIALIZER"])
    client.credentials(HTTP_AUTHORIZATION=f"JWT {obtain.get_token(user).access_token}")
    return client


def set_password(client, username, password):
    """Sets the same password again when `password` is right."""
    body = {"current_password": password, "new_password": password}
    return signed_in(client, username).post("/auth/users/set_password/", body, format="json")


def set_username(client, username, password):
    """Renames the account to `<username>2` when `password` is right."""
    body = {"current_password": password, "new_username": f"{username}2"}
    return signed_in(client, username).post("/auth/users/set_username/", body, format="json")


def change_email(client, username, password):
    """Changes the email, and so deactivates the account, when `password` is right."""
    body = {"current_password": password, "email": f"{username}.new@example.com"}
    return signed_in(client, username).patch("/auth/users/me/", body, format="json")


def delete_account(client, username, password):
    """Deletes the account when `password` is right."""
    body = {"current_password": password}
    return signed_in(client, username).delete("/auth/users/me/", body, format="json")


ACCOUNT_PASSWORD_CHECKS = (
    PasswordCheck("set-password", set_password),
    PasswordCheck("set-username", set_username),
    PasswordCheck("email-change", change_email),
    PasswordCheck("delete-account", delete_account),
)

DJOSER_JWT = Login(
    name="djoser-jwt",
    label="JWT",
    password=JWT_ENDPOINT,
    returned=Body("access", refresh="refresh"),
    sent=Header("JWT", also_accepted=("Bearer",)),
    challenge='Bearer realm="api"',
    # A password change, a reset or "log out everywhere" ends every JWT at once: the
    # tokens carry the user's generation (accounts/jwt_revocation.py).
    capabilities=frozenset(
        ACCOUNT_FLOWS
        | {
            "signed-token",
            "expiry",
            "stateless",
            "refresh-rotation",
            "password-change-revokes",
            "logout-everywhere",
            "credential-cache",
        }
    ),
    refresh=Call("/auth/jwt/refresh/", refresh_field="refresh", refused=TOKEN_NOT_VALID),
    # Djoser has no JWT logout; SimpleJWT's blacklist view adds it. The access token
    # lives on until it expires.
    logout=Call("/auth/jwt/blacklist/", refresh_field="refresh"),
    logout_everywhere=Call("/auth/jwt/logout-everywhere/"),
    verify_path="/auth/jwt/verify/",
    lifetime=datetime.timedelta(minutes=5),  # the access token's
    queries_per_request=1,  # the user
    # The account endpoints are listed once, here, after the login.
    also_checked_at=ACCOUNT_PASSWORD_CHECKS,
    accounts=ACCOUNTS,
)

# Djoser keeps one key per user, shared by all its logins: deleting it (a logout, a
# password change or reset, a deactivation) ends every one of them.
DELETE_KEY = Call("/auth/token/logout/", status=204)

DJOSER_TOKEN = Login(
    name="djoser-token",
    label="Token",
    password=TOKEN_ENDPOINT,
    returned=Body("auth_token"),
    sent=Header("Token"),
    challenge='Bearer realm="api"',  # JWT is the first authentication class
    capabilities=frozenset(
        ACCOUNT_FLOWS
        | {"revocable", "password-change-revokes", "logout-everywhere", "credential-cache"}
    ),
    logout=DELETE_KEY,
    logout_everywhere=DELETE_KEY,
    queries_per_request=1,  # the key joined with its user
    accounts=ACCOUNTS,
)

ADAPTERS = [Adapter(DJOSER_JWT), Adapter(DJOSER_TOKEN)]

# The account flows, for the strategy tests that drive them directly.
register = ADAPTERS[0].register
request_reset = ADAPTERS[0].request_reset
reset_link = ADAPTERS[0].reset_link


def confirm_reset(client, new_password, **link):
    return ADAPTERS[0].confirm_reset_link(client, link, new_password)


def activate(client, message):
    """Posts the uid and token of the activation link in `message`, as its page would."""
    link = ACCOUNTS.verification
    return client.post(link.path, link_in(link, message), format="json")


def jwt_create(client, username, password, **extra):
    return attempt(JWT_ENDPOINT, client, username, password, **extra)


def token_login(client, username, password, **extra):
    return attempt(TOKEN_ENDPOINT, client, username, password, **extra)
