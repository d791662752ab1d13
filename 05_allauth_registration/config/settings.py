"""Chapter 05: dj-rest-auth and django-allauth, with the JWT in httpOnly cookies.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from datetime import timedelta

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, MIDDLEWARE, PRODUCTION, REST_FRAMEWORK, SECRET_KEY
from api.environment import env_secret

# Before `api`: Django runs the first app's `load_demo_data`, and this chapter's also
# marks the demo users' email addresses as verified, so they can log in.
INSTALLED_APPS.insert(INSTALLED_APPS.index("api"), "accounts")

INSTALLED_APPS += [
    # allauth keeps its email addresses per site; SITE_ID below names the only one.
    "django.contrib.sites",
    # SimpleJWT's translations of its error messages.
    "rest_framework_simplejwt",
    # Remembers issued refresh tokens and the ones that may no longer be used.
    "rest_framework_simplejwt.token_blacklist",
    # Accounts, email addresses and their verification.
    "allauth",
    "allauth.account",
    # dj-rest-auth's registration imports it, even with no social login configured.
    "allauth.socialaccount",
    # Login, logout, user, password change and reset; then registration and verification.
    "dj_rest_auth",
    "dj_rest_auth.registration",
]

# allauth's request bookkeeping (it refuses to start without it).
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]

# allauth's backend logs in by username or by email (and serves the admin login too).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]

SITE_ID = 1

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # The `access` cookie, or `Authorization: Bearer <access>`. Being the only class it
    # names the 401 challenge: `WWW-Authenticate: Bearer realm="api"`. It loads the user
    # on every request, so a deactivated or deleted user's token stops working at once.
    # (accounts/dj_rest_auth_jwt.py: it also refuses a token from before a password change.)
    "accounts.dj_rest_auth_jwt.JWTCookieAuthentication",
]

# dj-rest-auth's views name a `dj_rest_auth` throttle scope, which only this class reads.
# Views without a `throttle_scope` (all of api/) are not affected.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["api.throttles.ScopedRateThrottle"]
# Registration, resend, reset requests and logout. The endpoints that check a password or
# an emailed key (logins, password change, reset confirm, verify) spend `login` instead,
# the budget the admin login spends too: one per client address (accounts/views.py).
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["dj_rest_auth"] = REST_FRAMEWORK[
    "DEFAULT_THROTTLE_RATES"
]["login"]

SIMPLE_JWT = {
    # Short enough that a stolen access token is soon worthless: logout cannot revoke it.
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    # How long a client may stay logged in without typing the password again.
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    # Every refresh answers a new refresh token too...
    "ROTATE_REFRESH_TOKENS": True,
    # ...and blacklists the one it was given, so a stolen refresh token works only once.
    "BLACKLIST_AFTER_ROTATION": True,
    # Rotating the signing key logs everybody out without touching DJANGO_SECRET_KEY. A
    # short JWT_SIGNING_KEY stops start-up; an empty one means "use the secret key".
    "SIGNING_KEY": env_secret("JWT_SIGNING_KEY") or SECRET_KEY,
    # The word before the token in the Authorization header (and in the 401 challenge).
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Each login records `last_login`, which voids the password reset links sent before it.
    "UPDATE_LAST_LOGIN": True,
    # The token classes and serializers of accounts/jwt_revocation.py: tokens carry the
    # user's generation (`gen`) and their login's family (`fam`), claims of the wrong type
    # are a 401, and a refresh token is redeemed at most once, even in parallel.
    "AUTH_TOKEN_CLASSES": ("accounts.jwt_revocation.AccessToken",),
    # 401 `token_not_valid` for a blacklisted or revoked token, like every other bad one.
    "TOKEN_VERIFY_SERIALIZER": "accounts.jwt_revocation.TokenVerifySerializer",
}

REST_AUTH = {
    # Log in for a SimpleJWT pair, not for a DRF token or a Django session.
    "USE_JWT": True,
    # Issues the pair with the `gen` and `fam` claims (accounts/jwt_revocation.py).
    "JWT_TOKEN_CLAIMS_SERIALIZER": "accounts.jwt_revocation.TokenObtainPairSerializer",
    "TOKEN_MODEL": None,
    "SESSION_LOGIN": False,
    # The cookies that carry the tokens. The refresh cookie goes only to the auth
    # endpoints (refresh, logout), not with every API request.
    "JWT_AUTH_COOKIE": "access",
    "JWT_AUTH_REFRESH_COOKIE": "refresh",
    "JWT_AUTH_REFRESH_COOKIE_PATH": "/api/v1/dj-rest-auth/",
    # JavaScript cannot read them (so XSS cannot steal them), and no answer to a cookie
    # client holds a token in its JSON body (apps log in at token/ instead: views.py).
    "JWT_AUTH_HTTPONLY": True,
    # Not sent with cross-site POSTs and other unsafe requests.
    "JWT_AUTH_SAMESITE": "Lax",
    # HTTPS only, in production mode.
    "JWT_AUTH_SECURE": PRODUCTION,
    # A request authenticated by the cookie must also carry the CSRF token in
    # X-CSRFToken for unsafe methods. The Bearer header needs none.
    "JWT_AUTH_COOKIE_USE_CSRF": True,
    # Changing a password asks for the old one.
    "OLD_PASSWORD_FIELD_ENABLED": True,
    # Skips dj-rest-auth's session bookkeeping after a password change: there is no
    # session here. The change still ends every JWT issued before it (api/signals.py).
    "LOGOUT_ON_PASSWORD_CHANGE": True,
}

# --- django-allauth (65.x names) ---------------------------------------------------------

# Log in with either the username or the email address.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
# Sign-up asks for all four; `*` marks a required field.
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
# No login until the emailed link (its key) has been used.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The subject of every email allauth sends starts with this.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Little Lemon] "
# allauth's rules, minus the messages meant for its HTML pages.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens", the first is sent in `Authorization: <scheme> ...`),
# and where it keeps them: "cookie" means the browser holds the credential, not the page.
DEMO_CLIENT = {
    "strategy": "JWT in httpOnly cookies",
    "csrf": "/api/v1/dj-rest-auth/csrf/",  # sets the csrftoken cookie the login needs
    "login": "/api/v1/dj-rest-auth/login/",
    "tokens": [],
    "scheme": None,
    "kept": "cookie",
    "refresh": "/api/v1/dj-rest-auth/token/refresh/",
    "logout": "/api/v1/dj-rest-auth/logout/",
    "logout_method": "POST",
    "me": "/api/v1/dj-rest-auth/user/",
}
