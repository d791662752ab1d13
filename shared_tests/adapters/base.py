"""What the shared suite needs to know about a chapter's login strategy."""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

# The password `register` signs "carol" up with.
REGISTERED_PASSWORD = "a-fresh-password-42"


class PasswordCheck(NamedTuple):
    """An endpoint that checks a password: `attempt(client, username, password)`."""

    name: str
    attempt: Callable


class Adapter:
    """Logs an `APIClient` in and out through a chapter's real endpoints.

    Subclasses set `name` (the test id), `label` (its column in the README's behaviour
    matrix), `challenge` (the exact `WWW-Authenticate` value of an anonymous 401) and
    `capabilities`, which strategy tests select on with `@pytest.mark.requires(...)`
    (and the matrix's "no" tests with `@pytest.mark.lacks(...)`). The capability names,
    shared by every chapter:

    - the credential: `basic`, `session`, `token`, `jwt`
    - `httponly-cookie`: the credential travels only in httpOnly cookies
    - `challenge`: an anonymous request gets 401 with `WWW-Authenticate`
    - `csrf`: unsafe requests need the CSRF token
    - `revocable`: logging out makes the credential worthless at once
    - `expiry`: the credential stops working by itself after `lifetime`
    - `stateless`: the server keeps nothing from the login that the credential needs
      (a password or a signature proves itself on every request)
    - `refresh-rotation`: refreshing issues a new refresh token and retires the old
    - `registration`, `email-verification`, `password-reset`: account flows by API
    - `password-change-revokes`: a password change ends credentials issued before it
    - `logout-everywhere`: one request ends every login of the user; such adapters
      implement `logout_everywhere`
    - `signed-token`: the credential is a JWT the client can read and tamper with; such
      adapters implement `token_pair`, `use_access` and `refresh`
    - `registration` adapters also implement `register`, and `email-verification`
      adapters `confirm_email`
    - `password-reset` adapters implement `request_reset` and `confirm_reset`, and set
      what their library answers: `reset_confirm_status`, `reset_link_reused`,
      `reset_password_field` and `wrong_password_status`
    """

    name = ""
    # The endpoint a login posts the password to; None where it goes with every request.
    login_path = None
    label = ""
    challenge = ""
    capabilities = frozenset()
    # The `Authorization` header schemes this variant reads, for malformed-header attacks.
    schemes = ()
    # How long the credential works, for `expiry` adapters.
    lifetime = datetime.timedelta(0)
    # What one authenticated request costs in queries when nothing is wasted: reading
    # whatever the credential needs (a session row, a key, a user). A test holds every
    # variant to its number, so a change that adds a query per request fails.
    queries_per_request = None
    # What `login_attempt` answers for a wrong password.
    wrong_password_status = None
    # What the password reset answers (`password-reset` adapters): the status of an
    # accepted confirmation, the body of a confirmation from a link already used, and the
    # field whose errors say what the password validators found.
    reset_confirm_status = None
    reset_link_reused = None
    reset_password_field = ""

    def password_checks(self):
        """Every endpoint of this variant that checks a password, as `PasswordCheck`s."""
        return []

    def register(self, client, **fields):
        """Signs up "carol" (with `REGISTERED_PASSWORD`) through the chapter's endpoint,
        `fields` overriding the form."""
        raise NotImplementedError

    def confirm_email(self, client, message):
        """Follows the link in `message`, the email that registration sent."""
        raise NotImplementedError

    def request_reset(self, client, email):
        """Asks for a password-reset email to `email`; answers the response."""
        raise NotImplementedError

    def confirm_reset(self, client, message, new_password):
        """Posts `new_password` with what the link in `message`, the email that
        `request_reset` sent, carries (a uid and token, or a key); answers the response."""
        raise NotImplementedError

    def login_attempt(self, client, username, password):
        """The variant's login request, answered as it is, successful or not."""
        return self.password_checks()[0].attempt(client, username, password)

    def token_pair(self, client, username, password):
        """Logs in and answers `{"access": ..., "refresh": ...}` (signed tokens only)."""
        raise NotImplementedError

    def use_access(self, client, access):
        """Makes `client` send `access` the way this variant does."""
        raise NotImplementedError

    def refresh(self, client, refresh):
        """Asks for new tokens with `refresh`; answers the response."""
        raise NotImplementedError

    def create_user(self, username, password, **fields):
        """Creates a user who can log in straight away."""
        fields.setdefault("email", f"{username}@example.com")
        return get_user_model().objects.create_user(username, password=password, **fields)

    def client(self):
        """A client that behaves like a browser: CSRF is checked, as in production."""
        return APIClient(enforce_csrf_checks=True)

    def login(self, client, username, password):
        """Authenticates `client` for the requests that follow, or fails the test."""
        raise NotImplementedError

    def logout(self, client):
        raise NotImplementedError

    def logout_everywhere(self, client):
        """Ends every login of `client`'s user through the chapter's endpoint, or fails
        the test (`logout-everywhere` adapters)."""
        raise NotImplementedError

    def __repr__(self):
        return self.name
