"""Chapter 01: the Basic header, and the JSON session login with its CSRF dance."""

import datetime

from django.conf import settings

from .adapter import Adapter, attempt, basic_header  # noqa: F401  (basic_header: for tests)
from .description import BasicHeader, Call, CookieAndCsrf, Cookies, Header, Login, PasswordForm

CHAPTER = "01_basic_session"

CSRF = "/api/auth/csrf/"
LOGOUT_EVERYWHERE = "/api/auth/logout-everywhere/"

BASIC = Login(
    name="basic",
    label="Basic",
    password=BasicHeader(),  # no logout either: the client stops sending the header
    sent=Header("Basic"),
    challenge='Basic realm="api"',
    # Stateless: there is no login to remember; the password proves itself every time.
    capabilities=frozenset({"basic", "stateless", "challenge", "password-change-revokes"}),
    queries_per_request=1,  # the user, whose password hash the header is checked against
)

JSON_LOGIN = PasswordForm("json-login", "/api/auth/login/", csrf_path=CSRF)

SESSION = Login(
    name="session",
    label="Session",
    password=JSON_LOGIN,
    returned=Cookies("sessionid"),
    sent=CookieAndCsrf(),
    challenge='Basic realm="api"',
    capabilities=frozenset(
        {
            "session",
            "password-hash-bound",
            "httponly-cookie",
            "csrf",
            "challenge",
            "revocable",
            "expiry",
            "password-change-revokes",
            "logout-everywhere",
            # With Redis the session's row and its user are remembered (accounts/session_cache.py,
            # accounts/user_cache.py): a session seen before costs no query.
            "credential-cache",
        }
    ),
    logout=Call("/api/auth/logout/", status=204),
    logout_everywhere=Call(LOGOUT_EVERYWHERE, status=204),
    # Django's session lifetime, counted from the login (SESSION_COOKIE_AGE).
    lifetime=lambda: datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE),
    queries_per_request=2,  # the session row, then the user it names
    also_checked_at=(
        PasswordForm("browsable-api-login", "/api-auth/login/", csrf_path=CSRF, form=True),
    ),
)

ADAPTERS = [Adapter(BASIC), Adapter(SESSION)]


def csrf_token(client):
    """Fetches the CSRF cookie as a page does; answers its value."""
    assert client.get(CSRF).status_code == 200
    return client.cookies["csrftoken"].value


def session_login(client, username, password):
    return attempt(JSON_LOGIN, client, username, password)
