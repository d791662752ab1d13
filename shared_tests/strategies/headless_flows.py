"""Chapter 07's flows, as either headless client runs them: `Headless(adapter)`.

The browser client sends its session cookie and echoes the CSRF cookie on unsafe
requests; the app client sends `X-Session-Token` and takes a new token from any answer's
`meta.session_token` (a pending login gets one before it is a login). Everything else,
the paths and the JSON, is the same for both, so each strategy test runs for both.
"""

import base64
import hashlib
import hmac
import struct
import time

from ..adapters.headless import APP, BROWSER
from ..conftest import PASSWORD
from ..transport import new_client

TOTP_PERIOD = 30  # seconds, MFA_TOTP_PERIOD's default
TOTP_DIGITS = 6


def totp(secret, at=None):
    """The RFC 6238 code for the base32 `secret` at the time `at` (now by default):
    an HMAC-SHA1 of the 30-second period's number, cut to six digits (RFC 4226)."""
    counter = int((time.time() if at is None else at) // TOTP_PERIOD)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**TOTP_DIGITS:0{TOTP_DIGITS}}"


def pending_flows(response):
    """The ids of the flows a 401 says are under way (`mfa_authenticate`, ...)."""
    flows = response.json().get("data", {}).get("flows", [])
    return [flow["id"] for flow in flows if flow.get("is_pending")]


def flow_ids(response):
    """The ids of every flow a 401 offers (`reauthenticate`, `login`, ...)."""
    return [flow["id"] for flow in response.json().get("data", {}).get("flows", [])]


class Headless:
    """One client of one kind, logged in or on its way there."""

    def __init__(self, adapter):
        self.adapter = adapter
        self.app = "headless-app" in adapter.capabilities
        self.base = APP if self.app else BROWSER
        self.client = new_client()
        self.token = None
        if not self.app:
            assert self.client.get(f"{BROWSER}/config").status_code == 200  # CSRF cookie

    def headers(self):
        if self.app:
            return {"HTTP_X_SESSION_TOKEN": self.token} if self.token else {}
        return {"HTTP_X_CSRFTOKEN": self.client.cookies["csrftoken"].value}

    def call(self, method, path, body=None, **extra):
        """`path` under the client's base (`/auth/login`), or an absolute `/api/...`."""
        url = path if path.startswith("/api/") else self.base + path
        send = getattr(self.client, method.lower())
        extra = {**self.headers(), **extra}
        response = send(url, **extra) if body is None else send(url, body, format="json", **extra)
        if self.app and response.get("Content-Type", "").startswith("application/json"):
            token = response.json().get("meta", {}).get("session_token")
            self.token = token or self.token
        return response

    def get(self, path, **extra):
        return self.call("GET", path, **extra)

    def post(self, path, body=None, **extra):
        return self.call("POST", path, body if body is not None else {}, **extra)

    def delete(self, path, body=None, **extra):
        return self.call("DELETE", path, body, **extra)

    # --- the steps -------------------------------------------------------------------------

    def password_login(self, username="alice", password=PASSWORD):
        return self.post("/auth/login", {"username": username, "password": password})

    def secret_status(self):
        """What the API's `/api/secret/` answers this client."""
        return self.get("/api/secret/").status_code

    def reauthenticate(self, password=PASSWORD):
        """allauth asks for the password again before every sensitive change, however
        fresh the login (ACCOUNT_REAUTHENTICATION_TIMEOUT counts from this request)."""
        response = self.post("/auth/reauthenticate", {"password": password})
        assert response.status_code == 200, response.content
        return response

    def activate_totp(self, at=None):
        """Reads the new secret, proves it with a first code; answers the secret."""
        self.reauthenticate()
        offer = self.get("/account/authenticators/totp")
        assert offer.status_code == 404, offer.content  # "none yet", with a secret to scan
        secret = offer.json()["meta"]["secret"]
        response = self.post("/account/authenticators/totp", {"code": totp(secret, at)})
        assert response.status_code == 200, response.content
        return secret

    def second_factor(self, code):
        return self.post("/auth/2fa/authenticate", {"code": code})

    def recovery_codes(self):
        self.reauthenticate()  # the codes are as good as the second factor itself
        response = self.get("/account/authenticators/recovery-codes")
        assert response.status_code == 200, response.content
        return response.json()["data"]["unused_codes"]

    def add_passkey(self, authenticator):
        """Registers `authenticator` as a passkey (passwordless) of the logged-in user."""
        self.reauthenticate()
        offer = self.get("/account/authenticators/webauthn?passwordless")
        assert offer.status_code == 200, offer.content
        credential = authenticator.register(offer.json()["data"]["creation_options"])
        body = {"name": "Laptop", "credential": credential, "passwordless": True}
        response = self.post("/account/authenticators/webauthn", body)
        assert response.status_code == 200, response.content
        return response

    def passkey_login(self, authenticator, **bent):
        """Logs in with `authenticator` alone; `bent` goes to its assertion (attacks)."""
        challenge = self.get("/auth/webauthn/login")
        assert challenge.status_code == 200, challenge.content
        assertion = authenticator.get_assertion(
            challenge.json()["data"]["request_options"], **bent
        )
        return self.post("/auth/webauthn/login", {"credential": assertion})


def logged_in(adapter, username="alice", password=PASSWORD):
    """A `Headless` client logged in with the password, or the test fails."""
    client = Headless(adapter)
    response = client.password_login(username, password)
    assert response.status_code == 200, response.content
    return client
