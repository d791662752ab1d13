"""Chapter 07: django-allauth headless, as a page in a browser and as a mobile app.

The browser fetches `config` (headless's browser views set the `csrftoken` cookie), then
logs in with the password and the CSRF token; the session cookie is the credential, and
every unsafe request echoes the CSRF cookie. The app logs in at the app client's login,
which answers a session token in `meta.session_token` and sets no cookie; it sends the
token in `X-Session-Token`. Both log out with `DELETE .../auth/session`, which answers
headless's 401 "not authenticated" state. A second factor is a procedure of its own, in
strategies/headless_flows.py.
"""

import datetime

from django.conf import settings

from .adapter import Adapter, link_in
from .description import (
    REGISTERED_PASSWORD,
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

CHAPTER = "07_passkeys_mfa"

BROWSER = "/_allauth/browser/v1"
APP = "/_allauth/app/v1"
LOGOUT_EVERYWHERE = Call("/api/auth/logout-everywhere/", status=204)
# Anonymous requests name the app client's header, the first authentication class.
CHALLENGE = 'X-Session-Token realm="api"'

PAGE_LOGIN = PasswordForm("headless-browser-login", f"{BROWSER}/auth/login", f"{BROWSER}/config")
APP_LOGIN = PasswordForm("headless-app-login", f"{APP}/auth/login")


CODE = r"(?m)^(?P<key>[A-Z0-9]{4}-[A-Z0-9]{4})$"


def accounts(base):
    """Sign-up and email verification by code, for the client at `base`."""
    return Accounts(
        sign_up_path=f"{base}/auth/signup",
        sign_up={"username": "carol", "email": "carol@example.com"},
        password_fields=("password",),
        # headless answers 401 with the flow still pending (`verify_email`): the account
        # exists, but nobody is logged in until the code is given.
        created=401,
        # The code (`NQPR-FLPT`) stands alone on its line in allauth's email.
        verification=EmailLink(CODE, f"{base}/auth/email/verify"),
        reset_path=f"{base}/auth/password/request",
        reset=EmailLink(CODE, f"{base}/auth/password/reset"),
        new_password_fields=("password",),
    )


def verified_email(user):
    """Mandatory verification: allauth refuses a login whose address is not verified."""
    from allauth.account.models import EmailAddress  # only chapters with allauth have it

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def session_age():
    """Django's session lifetime, counted from the login (SESSION_COOKIE_AGE): the app's
    session token is the same session's key."""
    return datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)


SHARED = {
    "headless",
    # Both credentials are a Django session underneath (the app's token is its key), so
    # Django ties them to the password hash as it ties 01's session.
    "django-session",
    "password-hash-bound",
    "challenge",
    "revocable",
    "expiry",
    # A password change, a reset, a deactivation or "log out everywhere" deletes every
    # session of the user, and with them the app's tokens (accounts/revocation.py).
    "password-change-revokes",
    "logout-everywhere",
    # With Redis the session's row and its user are remembered (accounts/session_cache.py,
    # accounts/user_cache.py): a session seen before, by cookie or by token, costs no query.
    "credential-cache",
    # Sign-up at auth/signup; mandatory verification, by a code mailed to the address
    # (CodeAdapter below).
    "registration",
    "email-verification",
    # TOTP (allauth.mfa): once on, the password alone is half a login. Passkeys: a
    # signature bound to the site's origin and RP ID, which a look-alike site cannot relay.
    "second-factor",
    "phishing-resistant",
}

BROWSER_LOGIN = Login(
    name="browser",
    label="Browser",
    password=PAGE_LOGIN,
    returned=Cookies("sessionid"),
    sent=CookieAndCsrf(),
    challenge=CHALLENGE,
    capabilities=frozenset(SHARED | {"headless-browser", "httponly-cookie", "csrf"}),
    accounts=accounts(BROWSER),
    logout=Call(f"{BROWSER}/auth/session", method="DELETE", status=401),
    logout_everywhere=LOGOUT_EVERYWHERE,
    lifetime=session_age,
    queries_per_request=2,  # the session row, then the user it names
    make_user=verified_email,
)

APP_TOKEN_LOGIN = Login(
    name="app",
    label="App",
    password=APP_LOGIN,
    returned=Body("meta.session_token"),
    sent=Header(None, name="X-Session-Token"),
    challenge=CHALLENGE,
    capabilities=frozenset(SHARED | {"headless-app"}),
    accounts=accounts(APP),
    logout=Call(f"{APP}/auth/session", method="DELETE", status=401),
    logout_everywhere=LOGOUT_EVERYWHERE,
    lifetime=session_age,
    # The session row the token names, then its user (accounts/session_tokens.py).
    queries_per_request=2,
    make_user=verified_email,
)


class CodeAdapter(Adapter):
    """The generic adapter, with each emailed code typed where it was asked for.

    A code is not a link: allauth binds it to the session that asked for it (the page's
    cookie, or the app's pending session token), so that nobody who merely guesses
    eight characters can use it from elsewhere. A sign-up asks for one, and so does each
    login of an account not yet verified; the code in the newest email belongs to the
    newest of those clients, which is therefore the one that confirms, as a person types
    the code into the page that asked for it.
    """

    # The client the newest code was mailed for. Held, not weakly referenced: a test
    # passes `adapter.client()` straight in and keeps no reference of its own.
    _asked = None

    def register(self, client, password=REGISTERED_PASSWORD, **fields):
        accounts = self.description.accounts
        extra = self._page_csrf(client)
        form = self.sign_up_form(password, **fields)
        return self._noting_a_code(
            client, client.post(accounts.sign_up_path, form, format="json", **extra)
        )

    def login_attempt(self, client, username, password, **extra):
        return self._noting_a_code(
            client, super().login_attempt(client, username, password, **extra)
        )

    def confirm_email(self, client, message):
        asked = self._asked
        assert asked is not None, "no sign-up or login asked for a code"
        link = self.description.accounts.verification
        extra = self._page_csrf(asked)
        response = asked.post(link.path, link_in(link, message), format="json", **extra)
        assert response.status_code == link.status, (link.path, response.content)

    def _noting_a_code(self, client, response):
        try:
            body = response.json()
        except ValueError:  # not JSON (a CSRF page, a 500): no code was asked for
            body = {}
        body = body if isinstance(body, dict) else {}
        flows = body.get("data", {}).get("flows", [])
        if any(flow["id"] == "verify_email" and flow.get("is_pending") for flow in flows):
            self._asked = client
            token = body.get("meta", {}).get("session_token")
            if token:  # the app client: the pending login continues under this token
                client.credentials(HTTP_X_SESSION_TOKEN=token)
        return response

    def _page_csrf(self, client):
        """The browser client's CSRF token, fetched as its page would (none for the app)."""
        if not isinstance(self.description.sent, CookieAndCsrf):
            return {}
        config = client.get(f"{BROWSER}/config")
        assert config.status_code == 200, (config.status_code, config.content)
        return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


ADAPTERS = [CodeAdapter(BROWSER_LOGIN), CodeAdapter(APP_TOKEN_LOGIN)]
