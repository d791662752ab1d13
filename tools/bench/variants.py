"""What the bench measures in each chapter: how each strategy logs in, and what it may cost.

Every login goes through the chapter's real endpoints, with a Django test client in the
bench process; the credentials it answers (a header, or cookies and a CSRF token) then
serve both the in-process query count and wrk's requests to gunicorn. They share one
database and one secret key, so a key, a JWT or a session row is valid in both.
"""

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field

# The write: the caller's profile, as a single-page client would save it.
WRITE_BODY = json.dumps({"phone": "+1 555 0100"})


@dataclass(frozen=True)
class Credentials:
    """What a client sends once logged in: headers, and the CSRF token for writes."""

    headers: dict = field(default_factory=dict)
    csrf_token: str | None = None


@dataclass(frozen=True)
class Variant:
    """One way to call the two endpoints, with its limits.

    `floor` is the number of queries the strategy may add to a request (what it needs to
    find the user), and `target` the rate it must keep as a fraction of the baseline's.
    """

    name: str
    login: Callable
    get_path: str = "/api/secret/"
    write_path: str | None = "/api/customers/me/"  # None: no write to measure
    floor: int = 0
    target: float | None = None
    short: bool = False  # measured for less time: it is too slow for the full duration


class LoginFailed(Exception):
    pass


def answer(response, expected=200):
    if response.status_code != expected:
        raise LoginFailed(
            f"{response.request['PATH_INFO']}: {response.status_code} {response.content!r}"
        )
    return response.json() if response.content else {}


def no_login(client, username, password):
    return Credentials()


def basic_login(client, username, password):
    """No login at all: the password travels, and is hashed, on every request."""
    pair = base64.b64encode(f"{username}:{password}".encode()).decode()
    return Credentials({"Authorization": f"Basic {pair}"})


def session_login(client, username, password):
    """The chapter's JSON session flow: a CSRF cookie, then the login that rotates it."""
    answer(client.get("/api/auth/csrf/"))
    csrf_token = client.cookies["csrftoken"].value
    answer(
        client.post(
            "/api/auth/login/",
            {"username": username, "password": password},
            content_type="application/json",
            headers={"X-CSRFToken": csrf_token},
        )
    )
    return cookie_credentials(client, "sessionid")


def token_login(path, field_name):
    def login(client, username, password):
        body = {"username": username, "password": password}
        key = answer(client.post(path, body, content_type="application/json"))[field_name]
        return Credentials({"Authorization": f"Token {key}"})

    return login


def jwt_login(path, header_type):
    def login(client, username, password):
        body = {"username": username, "password": password}
        access = answer(client.post(path, body, content_type="application/json"))["access"]
        return Credentials({"Authorization": f"{header_type} {access}"})

    return login


def cookie_jwt_login(client, username, password):
    """dj-rest-auth's login: the access token in an httpOnly cookie, and a CSRF cookie.

    The login itself needs the CSRF token (login CSRF), so the cookie comes first."""
    answer(client.get("/api/v1/dj-rest-auth/csrf/"))
    body = {"username": username, "password": password}
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value}
    answer(
        client.post(
            "/api/v1/dj-rest-auth/login/", body, content_type="application/json", headers=headers
        )
    )
    return cookie_credentials(client, "access")


def cookie_credentials(client, name):
    """The cookie a browser would send to /api/, and the CSRF token its page would echo."""
    csrf_token = client.cookies["csrftoken"].value
    cookie = f"{name}={client.cookies[name].value}; csrftoken={csrf_token}"
    return Credentials({"Cookie": cookie}, csrf_token)


# Authentication turned off: the same views at other URLs (see bench_site/urls.py).
BASELINE = Variant(
    "Authentication off",
    no_login,
    get_path="/bench/off/secret/",
    write_path="/bench/off/customers/me/",
)

VARIANTS = {
    "01_basic_session": [
        Variant("Session", session_login, floor=2, target=0.35),
        Variant("Basic (PBKDF2)", basic_login, floor=1, short=True),
    ],
    "02_token": [
        Variant("Token", token_login("/api/api-token-auth/", "token"), floor=1, target=0.5),
    ],
    "03_jwt": [
        Variant("JWT", jwt_login("/api/token/", "Bearer"), floor=1, target=0.5),
        # No user row is read, so the profile (which needs one) is not measured.
        Variant(
            "Stateless JWT",
            jwt_login("/api/token/", "Bearer"),
            get_path="/bench/stateless/secret/",
            write_path=None,
            floor=0,
            target=0.85,
        ),
    ],
    "04_djoser": [
        Variant("JWT (Djoser)", jwt_login("/auth/jwt/create/", "JWT"), floor=1, target=0.5),
        Variant(
            "Token (Djoser)", token_login("/auth/token/login/", "auth_token"), floor=1, target=0.5
        ),
    ],
    "05_allauth_registration": [
        Variant("Cookie JWT", cookie_jwt_login, floor=1, target=0.5),
    ],
}
