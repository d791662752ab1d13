"""Chapter 07's passkey login in a real Chromium, with Chromium's own virtual authenticator.

The in-process tests (strategies/test_mfa_passkeys.py) play browser and passkey with a
software authenticator. Here Chromium does both parts: the DevTools WebAuthn domain adds
a virtual authenticator (a platform passkey with user verification, like a laptop's
fingerprint reader), and `navigator.credentials` on a page of the chapter's own origin
talks to it, writing the page's real origin into what it signs. The page's script goes
through allauth headless's browser-client endpoints, as a site's own page would: a
password login and the password again to register the passkey; then, with every cookie
gone, the passkey alone logs in and the API lets the session in.

The page is opened on `localhost`, not 127.0.0.1: browsers refuse an IP address as the
RP ID, and allauth takes the RP ID from the request's host.
"""

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


def stored_credentials(browser, authenticator):
    """What the virtual authenticator holds: one entry per registered passkey."""
    answer = browser.execute_cdp_cmd("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    return answer["credentials"]


def open_own_origin(browser, live):
    """The chapter's /demo/ page on localhost: a page of the site the passkey is for."""
    url = live.url.replace("127.0.0.1", "localhost") + "/demo/"
    browser.get(url)
    demo_page.wait(
        browser,
        lambda d: d.execute_script("return document.readyState") == "complete",
        f"{url} never finished loading",
    )


@pytest.mark.requires("phishing-resistant", "headless-browser")
def test_chromium_registers_a_passkey_and_logs_in_with_it_alone(
    browser, live, virtual_passkey, picture
):
    browser.set_script_timeout(chromium.WAIT)
    open_own_origin(browser, live)
    registered = browser.execute_async_script(REGISTER, USER, PASSWORDS[USER])
    held = stored_credentials(browser, virtual_passkey)
    browser.delete_all_cookies()  # no session and no CSRF cookie left: a new visit
    open_own_origin(browser, live)
    logged_in = browser.execute_async_script(PASSKEY_LOGIN)
    browser.get(live.url.replace("127.0.0.1", "localhost") + "/api/secret/")
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
