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
    # an anonymous request gets `WWW-Authenticate: Token`.
    "rest_framework.authentication.TokenAuthentication",
]
