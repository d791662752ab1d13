"""Chapter 01: DRF's Basic and Session authentication.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS += ["accounts"]

# Database sessions that also record whose they are (accounts/models.py), so that a
# password change, a deactivation or "log out everywhere" can end all of a user's.
# With Redis, a session's row and its user are remembered in the shared cache, so a
# request costs no query (accounts/session_cache.py, accounts/user_cache.py); off without Redis.
SESSION_ENGINE = "accounts.sessions"
AUTHENTICATION_BACKENDS = ["accounts.backends.ModelBackend"]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # Basic comes first: DRF takes the 401 challenge from the first class, so an
    # anonymous request gets `WWW-Authenticate: Basic realm="api"`, not a bare 403.
    # Wrong passwords spend the login budget; cross-site unsafe requests are refused.
    "accounts.authentication.SameSiteBasicAuthentication",
    # The session cookie set by /api/auth/login/ or the browsable API's login page.
    # Unsafe methods on a session need the CSRF token.
    "rest_framework.authentication.SessionAuthentication",
]

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens", the first is sent in `Authorization: <scheme> ...`),
# and where it keeps them: "cookie" means the browser holds the credential, not the page.
DEMO_CLIENT = {
    "strategy": "session cookie",
    "csrf": "/api/auth/csrf/",  # sets the csrftoken cookie that the login itself needs
    "login": "/api/auth/login/",
    "tokens": [],
    "scheme": None,
    "kept": "cookie",
    "refresh": None,
    "logout": "/api/auth/logout/",
    "logout_method": "POST",
    "me": "/api/customers/me/",
}
