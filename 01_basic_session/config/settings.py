"""Chapter 01: DRF's Basic and Session authentication.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS += ["accounts"]

# Database sessions that also record whose they are (accounts/models.py), so that a
# password change, a deactivation or "log out everywhere" can end all of a user's.
SESSION_ENGINE = "accounts.sessions"

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # Basic comes first: DRF takes the 401 challenge from the first class, so an
    # anonymous request gets `WWW-Authenticate: Basic realm="api"`, not a bare 403.
    # Wrong passwords spend the login budget; cross-site unsafe requests are refused.
    "accounts.authentication.SameSiteBasicAuthentication",
    # The session cookie set by /api/auth/login/ or the browsable API's login page.
    # Unsafe methods on a session need the CSRF token.
    "rest_framework.authentication.SessionAuthentication",
]
