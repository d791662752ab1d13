"""The format of a login description: plain data, one frozen dataclass per fact.

`shared_tests/adapters/__init__.py` explains how the pieces fit; `adapter.py` is the one
piece of code that reads them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

# The password `register` signs "carol" up with.
REGISTERED_PASSWORD = "a-fresh-password-42"


class PasswordCheck(NamedTuple):
    """An endpoint that checks a password: `attempt(client, username, password)`."""

    name: str
    attempt: Callable


# --- where the password goes ---------------------------------------------------------------


@dataclass(frozen=True)
class BasicHeader:
    """With every request, in `Authorization: Basic base64(username:password)`; there is
    no login request. A password check is a `GET` of `probe` with the header."""

    name: str = "basic-header"
    probe: str = "/api/secret/"
    path = None  # no login endpoint
    wrong_password = 401  # with the challenge, as for no header at all


@dataclass(frozen=True)
class PasswordForm:
    """One `POST` of the username and password to `path`.

    `csrf_path` is where a page first fetches the `csrftoken` cookie, which the login
    then echoes in `X-CSRFToken` (login CSRF). `form` posts it form-encoded, as an HTML
    page does, instead of as JSON.
    """

    name: str
    path: str
    csrf_path: str | None = None
    form: bool = False
    username_field: str = "username"
    password_field: str = "password"
    # What a wrong password answers: a serializer's 400, or SimpleJWT's view's 401.
    wrong_password: int = 400


@dataclass(frozen=True)
class Steps:
    """A login that is a procedure, not one request (a redirect dance, a second factor).

    `run(client, username, password, **extra)` does every step with `client` and answers
    the last response: the one holding the credential where `returned` says, or the
    first one that refused. `path` is the endpoint that first receives the password.
    """

    name: str
    path: str
    run: Callable
    wrong_password: int = 400  # what the step that checks the password answers


# --- where the credential comes back -------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """Fields of the login's JSON answer. A dotted name reads a nested field
    (`"meta.session_token"`); `refresh` is None where there is no refresh token."""

    access: str
    refresh: str | None = None


@dataclass(frozen=True)
class Cookies:
    """Cookies the login sets: `access` is the credential (a session id, a JWT),
    `refresh` the refresh token's cookie, if any."""

    access: str
    refresh: str | None = None


# --- how it is sent ------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """In a request header: `Authorization: <scheme> <credential>` by default; with
    `scheme=None` the header holds the bare credential (`X-Session-Token: <token>`).
    `also_accepted` names other schemes the chapter reads, for malformed-header attacks."""

    scheme: str | None
    name: str = "Authorization"
    also_accepted: tuple = ()

    @property
    def meta_key(self):
        """The header as a WSGI environ key, the form `APIClient` takes it in."""
        return "HTTP_" + self.name.upper().replace("-", "_")


@dataclass(frozen=True)
class CookieAndCsrf:
    """The cookies the browser keeps; every unsafe request echoes the CSRF cookie's
    value in the CSRF header."""

    csrf_cookie: str = "csrftoken"
    csrf_header: str = "X-CSRFToken"

    @property
    def meta_key(self):
        return "HTTP_" + self.csrf_header.upper().replace("-", "_")


# --- what a logged-in client can do --------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """What a refused call answers: its status, and the error code its JSON body holds
    in `field` (SimpleJWT's `{"detail", "code"}`, OAuth 2's `{"error"}`)."""

    status: int
    code: str
    field: str = "code"


# A refresh token SimpleJWT refuses (03 to 05): revoked, blacklisted, of an older
# generation or expired, it is "not valid".
TOKEN_NOT_VALID = Refusal(401, "token_not_valid")


@dataclass(frozen=True)
class Call:
    """One request of a logged-in client: a refresh, a logout, "log out everywhere".

    `refresh_field` names the body field that carries the refresh token; where the
    credential is a cookie it travels in its cookie instead. The body is JSON, unless
    `form` names fields to send with it form-encoded (as OAuth 2 endpoints read them).
    `status` is what a successful call answers (checked for logouts; a refresh's answer
    goes to the test). A successful refresh answers the new tokens where a login does
    (the description's `returned`); `refused` is what it answers for a refresh token the
    server no longer honours.
    """

    path: str
    method: str = "POST"
    status: int = 200
    refresh_field: str | None = None
    form: dict | None = None
    refused: Refusal | None = None


# --- account flows -------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailLink:
    """A link in an email: `pattern`'s named groups are what it carries (a uid and a
    token, a key), which its page posts as JSON to `path`."""

    pattern: str
    path: str
    status: int = 200  # what a first, successful confirmation answers
    reused: dict | None = None  # the JSON of the 400 a second use of the link answers


@dataclass(frozen=True)
class Accounts:
    """Sign-up, email verification and password reset, where the chapter has them.

    `sign_up` is the form `register` posts to `sign_up_path` for "carol", without the
    password, which goes in each of `password_fields` (`REGISTERED_PASSWORD` unless the
    test gives another); `created` is what a sign-up answers. `new_password_fields` are
    the fields a reset confirmation repeats the new password in, `new_password_errors`
    the one its password validators' errors are under.
    """

    sign_up_path: str
    sign_up: dict
    verification: EmailLink
    reset_path: str
    reset: EmailLink
    password_fields: tuple = ("password",)
    created: int = 201
    new_password_fields: tuple = ("new_password",)
    new_password_errors: str = "new_password"


# --- the description -----------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    """Everything the suite knows about one login variant. See the package docstring."""

    name: str  # the test id
    label: str  # its column in the README's behaviour matrix
    password: BasicHeader | PasswordForm | Steps
    sent: Header | CookieAndCsrf
    returned: Body | Cookies | None = None  # None: nothing comes back (Basic)
    challenge: str = ""  # the exact `WWW-Authenticate` of an anonymous 401
    capabilities: frozenset = frozenset()
    refresh: Call | None = None
    logout: Call | None = None  # None: the client just forgets the credential
    logout_everywhere: Call | None = None
    verify_path: str | None = None  # where {"token": ...} is checked (JWT)
    # How long the credential works (`expiry`): a duration, or a callable answering one
    # where it is a setting read when the test runs.
    lifetime: datetime.timedelta | Callable = datetime.timedelta(0)
    # What one authenticated request costs in queries when nothing is wasted: reading
    # whatever the credential needs (a session row, a key, a user). A test holds every
    # variant to its number, so a change that adds a query per request fails.
    queries_per_request: int | None = None
    # Other endpoints that check the same user's password: more `PasswordForm`s, or
    # `PasswordCheck`s where the check is a procedure.
    also_checked_at: tuple = ()
    accounts: Accounts | None = None
    # `make(username, password, **fields)` where a user needs more than
    # `create_user` to log in (an email address marked verified): the only place,
    # besides `create_user`, where the login code touches the database.
    make_user: Callable | None = None
