"""Chapter 07: django-allauth headless, with a second factor (TOTP, recovery codes) and passkeys.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, MIDDLEWARE, REST_FRAMEWORK

# Before `api`: Django runs the first app's `load_demo_data`, and this chapter's also
# marks the demo users' email addresses as verified, so they can log in.
INSTALLED_APPS.insert(INSTALLED_APPS.index("api"), "accounts")

INSTALLED_APPS += [
    # Accounts, email addresses and their verification.
    "allauth",
    "allauth.account",
    # allauth's JSON API for single-page apps (browser) and mobile apps (app).
    "allauth.headless",
    # A second factor: TOTP, recovery codes and WebAuthn (passkeys).
    "allauth.mfa",
    # One row per login: list your sessions and end the others.
    "allauth.usersessions",
]

MIDDLEWARE += [
    # allauth's request bookkeeping (it refuses to start without it).
    "allauth.account.middleware.AccountMiddleware",
    # Every request to an allauth endpoint that checks a password or a one-time code
    # spends the `login` budget of its address, as the admin login does (accounts/budget.py).
    "accounts.budget.GuessingBudgetMiddleware",
]

# allauth's backend logs in by username or by email (and serves the admin login too).
# With Redis, the user a session names is remembered in the shared cache (accounts/user_cache.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.AuthenticationBackend"]
# Django's database sessions; with Redis each row is remembered in the shared cache, so
# a session seen before (cookie or app token) costs no query (accounts/session_cache.py).
SESSION_ENGINE = "accounts.sessions"

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # The app client: `X-Session-Token: <token>`, the token that headless's app login
    # answers. Being first it names the 401 challenge (accounts/authentication.py).
    "accounts.authentication.XSessionTokenAuthentication",
    # The browser client: the session cookie of headless's browser login, with CSRF
    # on unsafe methods (DRF's own class).
    "rest_framework.authentication.SessionAuthentication",
]

# headless's browser endpoints are Django views: a failed CSRF check answers JSON there too.
CSRF_FAILURE_VIEW = "accounts.csrf.csrf_failure"

# --- django-allauth headless (65.x names) ---------------------------------------------

# No HTML pages: allauth answers only JSON under /_allauth/ (and the admin keeps its own).
HEADLESS_ONLY = True
# Both clients: a page in a browser (session cookie + CSRF) and an app (X-Session-Token).
HEADLESS_CLIENTS = ("browser", "app")
# The app client's token is a session key: logging out or ending the session kills it.
# (allauth's session-token strategy, read in one query: accounts/session_tokens.py.)
HEADLESS_TOKEN_STRATEGY = "accounts.session_tokens.OneQuerySessionTokenStrategy"
# Where a link in an email would open the front end. With codes instead of links nothing
# points there, but allauth wants to know.
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/demo/?verify={key}",
    "account_reset_password_from_key": "/demo/?reset={key}",
    "account_signup": "/demo/",
}

# Log in with either the username or the email address.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
# Sign-up asks for these; `*` marks a required field.
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*"]
# No login until the address is verified...
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# ...with a short code mailed to it, typed into the same client (no link to click).
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# A password reset also mails a code rather than a link.
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
# The subject of every email allauth sends starts with this.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Little Lemon] "
# allauth's own limits mostly stay (they guard mailboxes, and a username's failed logins
# from any address), with two changes. Logins per address: the `login` budget above
# already counts them, configurably (THROTTLE_LOGIN), so allauth's fixed 30 a minute
# goes. And a verification code may be mailed three times a minute, not once in ten
# seconds: a sign-up and the first login before the code is typed each mail one.
ACCOUNT_RATE_LIMITS = {"login": None, "confirm_email": "3/m/key"}
# allauth's rules, plus a look at the user's row once a login is made (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Each login records `last_login`... and changing the password logs out every other
# session of the user (accounts/revocation.py ends all of them, app tokens included).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# Sensitive changes (password, second factor) need a fresh password or factor, at most
# this many seconds old.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# --- allauth.mfa ------------------------------------------------------------------------

# Every kind of second factor allauth offers.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# A passkey logs in on its own, without a password (it is both factors at once).
MFA_PASSKEY_LOGIN_ENABLED = True
# The name an authenticator app shows next to the codes.
MFA_TOTP_ISSUER = "Little Lemon"
# The code of the current 30-second period, or of the one just before: a code typed at
# second 29 still works when it arrives at second 31 (RFC 6238, section 5.2, allows one
# step of network delay). A used code is refused for the whole window.
MFA_TOTP_TOLERANCE = 1
# MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays off: it would accept an assertion made for
# any origin at all, a phishing site's included. Browsers allow WebAuthn on
# http://localhost, and fido2 accepts that origin without it.

# --- allauth.usersessions ----------------------------------------------------------------

# Off: noting each session's last request would write a row on every API request. The
# list still shows where and when each session logged in.
USERSESSIONS_TRACK_ACTIVITY = False

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens"), and where it keeps them: "cookie" means the browser
# holds the credential (the session cookie), not the page.
DEMO_CLIENT = {
    "strategy": "allauth headless: session cookie",
    "csrf": "/_allauth/browser/v1/config",  # sets the csrftoken cookie the login needs
    "login": "/_allauth/browser/v1/auth/login",
    "tokens": [],
    "scheme": None,
    "kept": "cookie",
    "refresh": None,
    "logout": "/api/auth/logout/",  # 204 (allauth's own DELETE auth/session answers 401)
    "logout_method": "POST",
    "me": "/_allauth/browser/v1/auth/session",
}
