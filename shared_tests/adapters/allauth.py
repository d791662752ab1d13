"""Chapter 05: dj-rest-auth's login, used as a browser would (cookies) or as an app would.

The browser fetches the `csrftoken` cookie at `csrf/`, then logs in at `login/` with
its value in `X-CSRFToken`; the login sets the `access` and `refresh` cookies and
answers no token in JSON; it echoes the `csrftoken` cookie in `X-CSRFToken`, refresh and
logout included. The app logs in at `token/`, which answers both tokens in JSON and sets
no cookie; it sends the `Authorization` header, and its refresh token in the body.
"""

import datetime

from .adapter import Adapter, attempt
from .description import (
    TOKEN_NOT_VALID,
    Accounts,
    Body,
    Call,
    CookieAndCsrf,
    Cookies,
    EmailLink,
    Header,
    Login,
    PasswordForm,
)

CHAPTER = "05_allauth_registration"

AUTH = "/api/v1/dj-rest-auth"
CSRF = f"{AUTH}/csrf/"

# A page's login: the CSRF cookie first, then the password with its token.
PAGE_LOGIN = PasswordForm("dj-rest-auth-login", f"{AUTH}/login/", csrf_path=CSRF)
APP_LOGIN = PasswordForm("dj-rest-auth-token", f"{AUTH}/token/")

ACCOUNTS = Accounts(
    sign_up_path=f"{AUTH}/registration/",
    sign_up={"username": "carol", "email": "carol@example.com"},
    password_fields=("password1", "password2"),
    created=201,
    # The verification page posts the link's key.
    verification=EmailLink(
        r"/account-confirm-email/(?P<key>[-:\w]+)/", f"{AUTH}/registration/verify-email/"
    ),
    reset_path=f"{AUTH}/password/reset/",
    reset=EmailLink(
        rf"{AUTH}/password/reset/confirm/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/",
        f"{AUTH}/password/reset/confirm/",
        reused={"token": ["Invalid value"]},
    ),
    new_password_fields=("new_password1", "new_password2"),
    new_password_errors="new_password2",
)


def verified_email(user):
    """allauth refuses a login whose email address is not verified."""
    from allauth.account.models import EmailAddress  # only chapter 05 installs allauth

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


# What both clients offer on top of their credential.
SHARED = {
    "dj-rest-auth",
    "challenge",
    "expiry",
    "stateless",
    "signed-token",
    "refresh-rotation",
    # A password change, a reset or "log out everywhere" ends every JWT at once: the
    # tokens carry the user's generation (accounts/jwt_revocation.py).
    "password-change-revokes",
    "logout-everywhere",
    "credential-cache",
    "registration",
    "email-verification",
    "password-reset",
}

# Shared by both descriptions: one endpoint each, read from the cookie or the body.
COMMON = dict(
    challenge='Bearer realm="api"',
    # The refresh token travels in its cookie or in the body's `refresh` field.
    refresh=Call(f"{AUTH}/token/refresh/", refresh_field="refresh", refused=TOKEN_NOT_VALID),
    # Blacklists the refresh token (and deletes the cookies). An access token copied
    # before the logout lives on until it expires.
    logout=Call(f"{AUTH}/logout/", refresh_field="refresh"),
    logout_everywhere=Call(f"{AUTH}/logout-everywhere/"),
    lifetime=datetime.timedelta(minutes=5),  # the access token's
    queries_per_request=1,  # the user, so a deactivated user's token stops at once
    accounts=ACCOUNTS,
    make_user=verified_email,
)

COOKIE = Login(
    name="cookie",
    label="Cookie",
    password=PAGE_LOGIN,
    returned=Cookies("access", refresh="refresh"),  # the JSON body holds neither
    sent=CookieAndCsrf(),
    capabilities=frozenset(SHARED | {"httponly-cookie", "csrf"}),
    **COMMON,
)

BEARER = Login(
    name="bearer",
    label="Bearer",
    password=APP_LOGIN,
    returned=Body("access", refresh="refresh"),  # this login sets no cookie
    sent=Header("Bearer"),
    capabilities=frozenset(SHARED),
    verify_path=f"{AUTH}/token/verify/",
    **COMMON,
)

ADAPTERS = [Adapter(COOKIE), Adapter(BEARER)]

# The account flows, for the strategy tests that drive them directly.
request_reset = ADAPTERS[0].request_reset
reset_link = ADAPTERS[0].reset_link


def confirm_reset(client, new_password, **link):
    return ADAPTERS[0].confirm_reset_link(client, link, new_password)


def csrf_cookie(client):
    """What a page does before its login: fetch the `csrftoken` cookie, echo it."""
    assert client.get(CSRF).status_code == 200
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def login_attempt(client, username, password, **extra):
    return attempt(PAGE_LOGIN, client, username, password, **extra)
