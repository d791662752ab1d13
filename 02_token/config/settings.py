"""Chapter 02: DRF's token authentication (`rest_framework.authtoken`).

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS += [
    # The Token model (one key per user), its admin page and `drf_create_token`.
    "rest_framework.authtoken",
    "accounts",
]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # `Authorization: Token <key>`. As the only class it also names the 401 challenge:
    # an anonymous request gets `WWW-Authenticate: Token`. DRF's class, with the key's
    # user remembered in a shared cache (Redis), so a request costs no query.
    "accounts.authentication.TokenAuthentication",
]

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens", the first is sent in `Authorization: <scheme> ...`),
# and where it keeps them: "cookie" means the browser holds the credential, not the page.
DEMO_CLIENT = {
    "strategy": "token in localStorage",
    "csrf": None,
    "login": "/api/api-token-auth/",
    "tokens": ["token"],
    "scheme": "Token",
    "kept": "localStorage",
    "refresh": None,  # a key lives until it is deleted
    "logout": "/api/api-token-auth/",
    "logout_method": "DELETE",
    "me": "/api/customers/me/",
}
