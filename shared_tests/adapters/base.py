"""What the shared suite needs to know about a chapter's login strategy."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient


class PasswordCheck(NamedTuple):
    """An endpoint that checks a password: `attempt(client, username, password)`."""

    name: str
    attempt: Callable


class Adapter:
    """Logs an `APIClient` in and out through a chapter's real endpoints.

    Subclasses set `name` (the test id), `challenge` (the exact `WWW-Authenticate`
    value of an anonymous 401) and `capabilities`, which strategy tests select on with
    `@pytest.mark.requires(...)`. The capability names, shared by every chapter:

    - the credential: `basic`, `session`, `token`, `jwt`, `httponly-cookie`
    - `challenge`: an anonymous request gets 401 with `WWW-Authenticate`
    - `csrf`: unsafe requests need the CSRF token
    - `revocable`: logging out makes the credential worthless at once
    - `expiry`: the credential stops working by itself after a while
    - `stateless`: the credential carries its own proof (no lookup to validate it)
    - `refresh-rotation`: refreshing issues a new refresh token and retires the old
    - `registration`, `email-verification`, `password-reset`: account flows by API
    - `password-change-revokes`: a password change ends credentials issued before it
    - `signed-token`: the credential is a JWT the client can read and tamper with; such
      adapters implement `token_pair`, `use_access` and `refresh`
    - `registration` adapters also implement `register`
    """

    name = ""
    challenge = ""
    capabilities = frozenset()
    # The `Authorization` header schemes this variant reads, for malformed-header attacks.
    schemes = ()

    def password_checks(self):
        """Every endpoint of this variant that checks a password, as `PasswordCheck`s."""
        return []

    def register(self, client, **fields):
        """Signs up "carol" through the chapter's endpoint, `fields` overriding the form."""
        raise NotImplementedError

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

    def __repr__(self):
        return self.name
