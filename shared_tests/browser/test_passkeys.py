"""Chapter 07's passkey login in a real Chromium, with Chromium's own virtual authenticator.

The in-process tests (strategies/test_mfa_passkeys.py) play browser and passkey with a
software authenticator. Here Chromium does both parts: the DevTools WebAuthn domain adds
a virtual authenticator (a platform passkey with user verification, like a laptop's
fingerprint reader), and `navigator.credentials` on a page of the chapter's own origin
talks to it, writing the page's real origin into what it signs. The page's script goes
through allauth headless's browser-client endpoints, as a site's own page would: a
password login and the password again to register the passkey; then, with every cookie
gone, the passkey alone logs in and the API lets the session in.

Then phishing: a look-alike page on another origin (`other_site`, another port of
localhost, so the same RP ID) gets a challenge its server fetched from the chapter, and
Chromium's authenticator signs it; the browser wrote the look-alike's origin into what
it signed, so the chapter refuses the relayed answer. fido2's default origin check
(`fido2.rpid.verify_rp_id`) would accept it, any port and subdomain of the RP ID passing;
07's `accounts/webauthn_origin.py` asks for the exact host and port.

The pages are opened on `localhost`, not 127.0.0.1: browsers refuse an IP address as the
RP ID, and allauth takes the RP ID from the request's host.
"""

import json
import sqlite3
import urllib.error
import urllib.request
from http.cookies import SimpleCookie

import pytest

from . import chromium, demo_page
from .conftest import PASSWORDS

USER = demo_page.USER

# A passkey as a laptop holds one: built in, discoverable, and it checks its owner.
VIRTUAL_PASSKEY = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}

# What every script below starts with: allauth headless's browser client, as a page's
# script calls it (the session cookie goes by itself; unsafe requests echo the CSRF cookie).
PAGE_CLIENT = """
const done = arguments[arguments.length - 1];
const BASE = "/_allauth/browser/v1";
function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
  return cookie && cookie.slice("csrftoken=".length);
}
async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (csrfToken()) headers["X-CSRFToken"] = csrfToken();
  const url = path.startsWith("/api/") ? path : BASE + path;
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (error) { json = text; }
  return { status: response.status, body: json };
}
function run(steps) {
  steps().then(done, (error) => done({ error: String(error) }));
}
"""

# With the password: log in, give the password again, register a passkey, log out.
REGISTER = (
    PAGE_CLIENT
    + """
const [username, password] = arguments;
run(async () => {
  const seen = {};
  await call("GET", "/config");  // sets the csrftoken cookie
  seen.login = (await call("POST", "/auth/login", { username, password })).status;
  seen.reauthenticate = (await call("POST", "/auth/reauthenticate", { password })).status;
  const offer = await call("GET", "/account/authenticators/webauthn?passwordless");
  seen.offer = offer.status;
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
    offer.body.data.creation_options.publicKey,
  );
  const credential = await navigator.credentials.create({ publicKey });
  const body = { name: "Chromium", credential: credential.toJSON(), passwordless: true };
  const added = await call("POST", "/account/authenticators/webauthn", body);
  seen.added = added.status;
  seen.logout = (await call("DELETE", "/auth/session")).status;
  return seen;
});
"""
)

# No password anywhere: the challenge, the authenticator's signature, then the API.
PASSKEY_LOGIN = (
    PAGE_CLIENT
    + """
run(async () => {
  const seen = {};
  await call("GET", "/config");
  seen.before = (await call("GET", "/api/secret/")).status;
  const challenge = await call("GET", "/auth/webauthn/login");
  seen.challenge = challenge.status;
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(
    challenge.body.data.request_options.publicKey,
  );
  const assertion = await navigator.credentials.get({ publicKey });
  const login = await call("POST", "/auth/webauthn/login", { credential: assertion.toJSON() });
  seen.login = login.status;
  seen.user = login.body && login.body.data && login.body.data.user.username;
  seen.secret = (await call("GET", "/api/secret/")).status;
  return seen;
});
"""
)


# The look-alike page: it hands the challenge its server relayed to the authenticator.
LOOK_ALIKE = (
    """<!doctype html><title>Little Lemon (not really)</title><p>Log in with your passkey"""
)
SIGN_RELAYED = """
const [options, done] = arguments;
const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
navigator.credentials.get({ publicKey }).then(
  (assertion) => done({ origin: location.origin, credential: assertion.toJSON() }),
  (error) => done({ origin: location.origin, error: String(error) }),
);
"""


class PhishersServer:
    """The look-alike site's server: a client of the chapter like any other, with cookies
    of its own, which relays between the chapter and the look-alike page."""

    def __init__(self, site):
        self.site = site
        self.cookies = {}

    def call(self, method, path, body=None):
        """(status, JSON) of one request to the chapter's browser client (or /api/)."""
        headers = {"Content-Type": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        url = self.site + (path if path.startswith("/api/") else "/_allauth/browser/v1" + path)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=chromium.WAIT)
        except urllib.error.HTTPError as refused:  # a 4xx is an answer here, not a failure
            response = refused
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies |= {name: m.value for name, m in SimpleCookie(header).items()}
            return response.getcode(), json.loads(response.read() or b"null")


@pytest.fixture
def virtual_passkey(browser):
    """Chromium's virtual authenticator, there for this test only: its id."""
    browser.execute_cdp_cmd("WebAuthn.enable", {"enableUI": False})
    added = browser.execute_cdp_cmd(
        "WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_PASSKEY}
    )
    yield added["authenticatorId"]
    browser.execute_cdp_cmd(
        "WebAuthn.removeVirtualAuthenticator", {"authenticatorId": added["authenticatorId"]}
    )
    browser.execute_cdp_cmd("WebAuthn.disable", {})


@pytest.fixture
def removes_new_authenticators(live):
    """Deletes, after the test, the authenticators it gave the demo user (the passkey, and
    the recovery codes allauth adds with it): with a passkey registered, the password
    alone would no longer log the user in for the browser tests that follow."""
    query = "FROM mfa_authenticator WHERE user_id = (SELECT id FROM auth_user WHERE username = ?)"
    with sqlite3.connect(live.database) as connection:
        before = [row[0] for row in connection.execute(f"SELECT id {query}", (USER,))]
    yield
    with sqlite3.connect(live.database) as connection:
        after = [row[0] for row in connection.execute(f"SELECT id {query}", (USER,))]
        added = [(pk,) for pk in after if pk not in before]
        connection.executemany("DELETE FROM mfa_authenticator WHERE id = ?", added)
    assert live.count(f"SELECT count(*) {query}", USER) == len(before), "the user as before"


def stored_credentials(browser, authenticator):
    """What the virtual authenticator holds: one entry per registered passkey."""
    answer = browser.execute_cdp_cmd("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    return answer["credentials"]


def own_origin(live):
    """The chapter's address on localhost, the name its passkeys are registered for."""
    return live.url.replace("127.0.0.1", "localhost")


def open_own_origin(browser, live):
    """The chapter's /demo/ page on localhost: a page of the site the passkey is for."""
    url = own_origin(live) + "/demo/"
    browser.get(url)
    demo_page.wait(
        browser,
        lambda d: d.execute_script("return document.readyState") == "complete",
        f"{url} never finished loading",
    )


def register_passkey(browser, live):
    """The demo user's password login, reauthentication and new passkey, on the chapter's
    own origin; answers each step's status."""
    browser.set_script_timeout(chromium.WAIT)
    open_own_origin(browser, live)
    return browser.execute_async_script(REGISTER, USER, PASSWORDS[USER])


@pytest.mark.requires("phishing-resistant", "headless-browser")
def test_chromium_registers_a_passkey_and_logs_in_with_it_alone(
    browser, live, virtual_passkey, removes_new_authenticators, picture
):
    registered = register_passkey(browser, live)
    held = stored_credentials(browser, virtual_passkey)
    browser.delete_all_cookies()  # no session and no CSRF cookie left: a new visit
    open_own_origin(browser, live)
    logged_in = browser.execute_async_script(PASSKEY_LOGIN)
    browser.get(own_origin(live) + "/api/secret/")
    picture(browser, "passkey-login", height=560)
    expected = {"login": 200, "reauthenticate": 200, "offer": 200, "added": 200, "logout": 401}
    assert registered == expected, f"registering the passkey with the password: {registered}"
    assert [c["isResidentCredential"] for c in held] == [True], "one discoverable passkey"
    assert logged_in == {
        "before": 401,
        "challenge": 200,
        "login": 200,
        "user": USER,
        "secret": 200,
    }, f"the passkey alone logged in, and the API let the session in: {logged_in}"


@pytest.mark.requires("phishing-resistant", "headless-browser")
def test_a_passkey_assertion_relayed_from_a_look_alike_origin_is_refused(
    browser, live, virtual_passkey, removes_new_authenticators, other_site
):
    registered = register_passkey(browser, live)
    phisher = PhishersServer(own_origin(live))
    phisher.call("GET", "/config")
    _, challenge = phisher.call("GET", "/auth/webauthn/login")
    browser.get(other_site.page("look-alike", LOOK_ALIKE))
    signed = browser.execute_async_script(SIGN_RELAYED, challenge["data"]["request_options"])
    relayed, answer = phisher.call(
        "POST", "/auth/webauthn/login", {"credential": signed.get("credential")}
    )
    secret, _ = phisher.call("GET", "/api/secret/")
    assert registered.get("added") == 200, (
        f"registering the passkey with the password: {registered}"
    )
    assert signed["origin"] != own_origin(live), "the look-alike page is another origin"
    assert "credential" in signed, f"Chromium signed for the look-alike page: {signed}"
    assert relayed == 400, f"the relayed assertion was refused: {answer}"
    assert secret == 401, "the phisher's session never logged in"
