"""The one piece of code that turns a login description into what the tests do.

Every request goes through a client made by `shared_tests/transport.py`, with the
`APIClient` surface only (`get`/`post`/... with `HTTP_*` extras, `credentials()`,
`cookies`), so the same operations work in process and over HTTP.
"""

import base64
import weakref
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.utils.crypto import get_random_string

from .account_flows import AccountFlows, link_in  # noqa: F401  (link_in: for the chapters)
from .description import (
    BasicHeader,
    Body,
    CookieAndCsrf,
    Cookies,
    Header,
    PasswordCheck,
    PasswordForm,
    Refusal,
)


@dataclass
class Credential:
    """What a logged-in client holds: the credential and, where there is one, the
    refresh token. Kept here, by client, rather than as attributes on the client."""

    access: str | None = None
    refresh: str | None = None
    # The header that sends it, as `APIClient` extras (`{"HTTP_AUTHORIZATION": ...}`);
    # None where the credential is a cookie.
    header: dict | None = None


FORM_ENCODED = "application/x-www-form-urlencoded"

# The logged-in state of every client a login went through, forgotten with the client.
_STATE = weakref.WeakKeyDictionary()


def state_of(client):
    """The `Credential` `client` holds (an empty one if it never logged in)."""
    return _STATE.get(client) or Credential()


def basic_header(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def field_of(body, dotted):
    """`body["a"]["b"]` for `"a.b"`."""
    for name in dotted.split("."):
        body = body[name]
    return body


class Adapter(AccountFlows):
    """A login variant's operations, all derived from its `Login` description."""

    def __init__(self, description):
        self.description = description

    # --- what the description says, under the names the tests read --------------------

    name = property(lambda self: self.description.name)
    label = property(lambda self: self.description.label)
    challenge = property(lambda self: self.description.challenge)
    capabilities = property(lambda self: self.description.capabilities)
    queries_per_request = property(lambda self: self.description.queries_per_request)
    verify_path = property(lambda self: self.description.verify_path)

    @property
    def login_path(self):
        """Where the password is posted; None where it goes with every request (Basic)."""
        return self.description.password.path

    @property
    def wrong_password_status(self):
        """What the login answers a wrong password (the description's `password` says)."""
        return self.description.password.wrong_password

    @property
    def lifetime(self):
        lifetime = self.description.lifetime
        return lifetime() if callable(lifetime) else lifetime

    @property
    def schemes(self):
        """The `Authorization` schemes this variant reads, for malformed-header attacks."""
        sent = self.description.sent
        if isinstance(sent, Header) and sent.name == "Authorization":
            return (sent.scheme, *sent.also_accepted)
        return ()

    @property
    def refresh_path(self):
        """Where a refresh token posted in the JSON body buys new tokens, if it does."""
        return self._in_body_path(self.description.refresh)

    @property
    def blacklist_path(self):
        """The logout, where it takes the refresh token in the JSON body."""
        return self._in_body_path(self.description.logout)

    def _in_body_path(self, call):
        in_body = isinstance(self.description.returned, Body)
        return call.path if call and call.refresh_field and in_body else None

    # --- users and clients -------------------------------------------------------------

    def client(self):
        """A fresh client from the suite's transport: in process or over HTTP."""
        from ..transport import new_client  # imported here: the bench has no pytest

        return new_client()

    def create_user(self, username, password, **fields):
        """Creates a user who can log in straight away."""
        fields.setdefault("email", f"{username}@example.com")
        user = get_user_model().objects.create_user(username, password=password, **fields)
        if self.description.make_user:
            self.description.make_user(user)
        return user

    # --- the password --------------------------------------------------------------------

    def password_checks(self):
        """Every endpoint of this variant that checks a password, its login first."""
        places = [self.description.password, *self.description.also_checked_at]
        return [self._check(place) for place in places]

    def _check(self, place):
        if isinstance(place, PasswordCheck):
            return place
        return PasswordCheck(place.name, partial(attempt, place))

    def login_attempt(self, client, username, password, **extra):
        """The variant's login request, answered as it is, successful or not."""
        return attempt(self.description.password, client, username, password, **extra)

    def obtain(self, client, username, password):
        """Logs in, or fails the test; answers the response holding the credential."""
        response = self.login_attempt(client, username, password)
        assert response.status_code == 200, (self.login_path, response.content)
        return response

    def login(self, client, username, password):
        """Authenticates `client` for the requests that follow, or fails the test."""
        if isinstance(self.description.password, BasicHeader):
            access = basic_header(username, password).removeprefix("Basic ")
            self._hold(client, Credential(access))
            return
        tokens = self._tokens(client, self.obtain(client, username, password))
        self._hold(client, Credential(tokens["access"], tokens["refresh"]))

    def token_pair(self, client, username, password):
        """Logs in and answers `{"access": ..., "refresh": ...}` (signed tokens only)."""
        return self._tokens(client, self.obtain(client, username, password))

    def _tokens(self, client, response):
        returned = self.description.returned
        if isinstance(returned, Cookies):
            names = {"access": returned.access, "refresh": returned.refresh}
            return {key: name and client.cookies[name].value for key, name in names.items()}
        body = response.json()
        refresh = returned.refresh and field_of(body, returned.refresh)
        return {"access": field_of(body, returned.access), "refresh": refresh}

    def held(self, client):
        """The `Credential` (access and refresh token) `client`'s login left it holding."""
        return state_of(client)

    def use_access(self, client, access):
        """Makes `client` send `access` the way this variant does."""
        self._hold(client, Credential(access, state_of(client).refresh))

    def _hold(self, client, credential):
        _STATE[client] = credential
        sent = self.description.sent
        if isinstance(sent, Header):
            value = f"{sent.scheme} {credential.access}" if sent.scheme else credential.access
            credential.header = {sent.meta_key: value}
            client.credentials(**credential.header)
        else:
            if credential.access is not None:
                client.cookies[self.description.returned.access] = credential.access
            client.credentials(**self._csrf(client))

    def _csrf(self, client):
        """What a page script sends with an unsafe request: the CSRF cookie's value in
        the CSRF header. A client that never logged in (a test replaying a copied token)
        gets the cookie a page of the site would have given it: Django accepts any
        token that matches its cookie."""
        sent = self.description.sent
        if not isinstance(sent, CookieAndCsrf):
            return {}
        if sent.csrf_cookie not in client.cookies:
            client.cookies[sent.csrf_cookie] = get_random_string(32)
        return {sent.meta_key: client.cookies[sent.csrf_cookie].value}

    # --- refresh and logouts -------------------------------------------------------------

    def refresh(self, client, refresh):
        """Asks for new tokens with `refresh`; answers the response."""
        return self._call(client, self.description.refresh, refresh)

    @property
    def refused_refresh(self):
        """The `Refusal` a refresh with a dead refresh token answers (the description's)."""
        refused = self.description.refresh.refused
        assert refused is not None, f"{self.name}'s refresh `Call` names no `refused`"
        return refused

    def refusal_in(self, response):
        """`response` read as a `refused_refresh` is: its status and its error code."""
        expected = self.refused_refresh
        is_json = (response.get("Content-Type") or "").startswith("application/json")
        body = response.json() if is_json else {}
        code = body.get(expected.field) if isinstance(body, dict) else None
        return Refusal(response.status_code, code, expected.field)

    def new_refresh_token(self, response):
        """The refresh token a successful refresh answered, where a login answers it:
        a field of the JSON body, or its cookie."""
        returned = self.description.returned
        if isinstance(returned, Cookies):
            return response.cookies[returned.refresh].value
        return field_of(response.json(), returned.refresh)

    def logout(self, client):
        """Logs out through the chapter's endpoint, or fails the test. The client keeps
        sending what it held, so a test can check what logout does and does not end;
        with no logout endpoint (Basic) it stops sending the credential."""
        call = self.description.logout
        if call is None:
            client.credentials()
            _STATE.pop(client, None)
            return
        response = self._call(client, call, state_of(client).refresh)
        assert response.status_code == call.status, (call.path, response.content)

    def logout_everywhere(self, client):
        """Ends every login of `client`'s user, or fails the test."""
        call = self.description.logout_everywhere
        response = self.ask_to_logout_everywhere(client)
        assert response.status_code == call.status, (call.path, response.content)

    def ask_to_logout_everywhere(self, client):
        """The answer to "log out everywhere", whatever it is."""
        return self._call(client, self.description.logout_everywhere, state_of(client).refresh)

    def _call(self, client, call, refresh=None):
        extra, body = self._csrf(client), None
        if call.refresh_field:
            returned = self.description.returned
            if isinstance(returned, Cookies):
                client.cookies[returned.refresh] = refresh
            else:
                body = {call.refresh_field: refresh}
        send = getattr(client, call.method.lower())
        if call.form is not None:
            form = urlencode({**call.form, **(body or {})})
            return send(call.path, form, content_type=FORM_ENCODED, **extra)
        if body is None:
            return send(call.path, **extra)
        return send(call.path, body, format="json", **extra)

    # --- what a client sends, for other clients (HTTP tools, fuzzers) -------------------

    def sent_headers(self, client, unsafe=True, path="/api/"):
        """The HTTP headers `client` now sends to `path` to prove who it is, by their
        real names: the credential's header, or the cookies a browser sends there (and,
        for an unsafe request, the CSRF header)."""
        sent = self.description.sent
        if isinstance(sent, Header):
            return {sent.name: state_of(client).header[sent.meta_key]}
        cookies = {
            name: morsel.value
            for name, morsel in client.cookies.items()
            if morsel.value and path.startswith(morsel["path"] or "/")
        }
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
        if unsafe:
            headers[sent.csrf_header] = cookies[sent.csrf_cookie]
        return headers

    def __repr__(self):
        return self.name


def attempt(place, client, username, password, **extra):
    """Sends a password where `place` (a `BasicHeader`, `PasswordForm` or `Steps`)
    says; answers the response as it is."""
    if isinstance(place, BasicHeader):
        authorization = basic_header(username, password)
        return client.get(place.probe, HTTP_AUTHORIZATION=authorization, **extra)
    if not isinstance(place, PasswordForm):
        return place.run(client, username, password, **extra)
    if place.csrf_path:
        assert client.get(place.csrf_path).status_code == 200, place.csrf_path
        extra = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value, **extra}
    body = {place.username_field: username, place.password_field: password}
    if place.form:
        return client.post(place.path, body, **extra)
    return client.post(place.path, body, format="json", **extra)
