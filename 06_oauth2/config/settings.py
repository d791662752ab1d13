"""Chapter 06: OAuth 2 with django-oauth-toolkit, the authorization server and the API in one.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from accounts.oidc_key import oidc_private_key
from api.base_settings import *  # noqa: F403
from api.base_settings import (
    BASE_DIR,
    INSTALLED_APPS,
    PRODUCTION,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)

# Before `api`: Django runs the first app's `load_demo_data`, and this chapter's also
# registers the demo OAuth clients.
INSTALLED_APPS.insert(INSTALLED_APPS.index("api"), "accounts")

INSTALLED_APPS += [
    # Applications (clients), grants (codes), access, refresh and id tokens.
    "oauth2_provider",
]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # `Authorization: Bearer <access>`, an access token this server issued. It reads the
    # token with its user and client (one query, none for a token seen before: it is
    # remembered in the shared cache, accounts/token_cache.py), wants `read` for safe
    # methods and `write` for the others, and names the 401 challenge `Bearer realm="api"`.
    "accounts.authentication.OAuth2Authentication",
]

# A token from the client credentials grant has no user: the API's user-owned endpoints
# say so in their 403, instead of DRF's bare "You do not have permission".
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "accounts.exceptions.exception_handler"

# --- The resource owner's login, on the authorization server ----------------------------

# The authorization endpoint sends a visitor who is not logged in here first. It is a
# plain Django login form (accounts/views.py), throttled with the `login` budget.
LOGIN_URL = "/accounts/login/"

# A page whose CSRF check fails (the login and consent forms) answers JSON, as the API does.
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"

# --- The authorization server (django-oauth-toolkit) ------------------------------------

OAUTH2_PROVIDER = {
    # What a client may ask for, shown on the consent page. `openid` asks for an id_token.
    "SCOPES": {
        "read": "Read the menu, your todos and your profile",
        "write": "Change your todos and your profile",
        "openid": "Tell the application who you are (OpenID Connect)",
    },
    # What a client gets when it names no scope.
    "DEFAULT_SCOPES": ["read"],
    # Minutes, not DOT's 10 hours: a stolen access token is soon worthless. Expired rows
    # are deleted by `python manage.py cleartokens`.
    "ACCESS_TOKEN_EXPIRE_SECONDS": 5 * 60,
    # How long a client may stay logged in without the user: a day (DOT's default is
    # forever). Each refresh answers a new refresh token, and retires the old one...
    "REFRESH_TOKEN_EXPIRE_SECONDS": 24 * 60 * 60,
    "ROTATE_REFRESH_TOKEN": True,
    # ...and a retired one that comes back revokes every token of that login (DOT's
    # default is False: the thief's copy and the client's would both keep working).
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    # An authorization code is good for one minute, and once.
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ID_TOKEN_EXPIRE_SECONDS": 5 * 60,
    # Every authorization request carries a PKCE challenge, made with S256
    # (accounts/validator.py also refuses `plain` and a missing method up front).
    "PKCE_REQUIRED": True,
    # The consent page every time: a remembered approval would let any page that can
    # open a window get a code for a logged-in user without asking.
    "REQUEST_APPROVAL_PROMPT": "force",
    # Exact redirect URIs, no wildcards (the validator compares the strings).
    "ALLOW_URI_WILDCARDS": False,
    # http is for this laptop's demo only; in production every redirect URI is https.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["http", "https"],
    # The validator: S256 only, exact redirect URIs, a code redeemed at most once (a
    # replay revokes what it issued), an inactive user's tokens refused.
    "OAUTH2_VALIDATOR_CLASS": "accounts.validator.OAuth2Validator",
    # The RFC 9700 (security best current practice) behaviours, all on: no implicit or
    # password grant, no `plain` PKCE, no token in a URL's query string, the `iss` in the
    # authorization response, and tokens stored as hashes, never in clear.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    # In development the demo's http redirect URIs stay allowed, so this check may only
    # warn there; in production http is gone and it is an error to bring it back.
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": PRODUCTION,
    # OpenID Connect: an id_token signed RS256 with this key, discovery, JWKS, userinfo.
    # The key comes from OIDC_RSA_PRIVATE_KEY, or this checkout makes its own, kept in
    # the git-ignored file .oidc_rsa_key.pem (accounts/oidc_key.py).
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": oidc_private_key(BASE_DIR),
    # The token endpoint reads form bodies only, as RFC 6749 says.
    "OAUTH2_BACKEND_CLASS": "oauth2_provider.oauth2_backends.OAuthLibCore",
}

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: with the authorization code flow and PKCE,
# as the demo's public client. "Log in" sends the browser to `authorize` (the login and
# consent pages), which sends it back to /demo/ with a code; the page redeems it at
# `login` with its PKCE verifier. The tokens are kept in sessionStorage: the page is
# left and loaded again on the way, which memory would not survive.
DEMO_CLIENT = {
    "strategy": "OAuth 2 authorization code + PKCE",
    "csrf": None,
    "authorize": "/o/authorize/",
    "login": "/o/token/",
    "client_id": "little-lemon-demo",
    "scope": "read write",
    "tokens": ["access_token", "refresh_token"],
    "scheme": "Bearer",
    "kept": "sessionStorage",
    "refresh": "/o/token/",
    "logout": "/o/revoke_token/",
    "logout_method": "POST",
    "me": "/api/customers/me/",
}

# Swagger UI's Authorize runs the same flow as the same public client, PKCE included, in
# a pop-up that comes back to /api/docs/oauth2-redirect.html (registered by load_demo_data).
SPECTACULAR_SETTINGS["SWAGGER_UI_OAUTH2_CONFIG"] = {
    "clientId": DEMO_CLIENT["client_id"],
    "usePkceWithAuthorizationCodeGrant": True,
}
