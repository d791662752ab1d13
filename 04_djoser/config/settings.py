"""Chapter 04: Djoser's account endpoints, on SimpleJWT and DRF's tokens.

Everything but authentication comes from `api/base_settings.py`, shared by all chapters.
"""

from datetime import timedelta

from api.base_settings import *  # noqa: F403
from api.base_settings import INSTALLED_APPS, REST_FRAMEWORK, SECRET_KEY
from api.environment import env_secret

INSTALLED_APPS += [
    # SimpleJWT's translations of its error messages.
    "rest_framework_simplejwt",
    # Remembers issued refresh tokens and the ones that may no longer be used.
    "rest_framework_simplejwt.token_blacklist",
    # The Token table behind /auth/token/login/ (one key per user).
    "rest_framework.authtoken",
    # Djoser's email templates (activation, password reset).
    "djoser",
    "accounts",
]

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    # `Authorization: Bearer <access>` or `JWT <access>`. First, so an anonymous request
    # gets its challenge: `WWW-Authenticate: Bearer realm="api"`. It loads the user on
    # every request, so a deactivated or deleted user's token stops working at once.
    # (accounts/jwt_revocation.py: it also refuses a token from before a password change.)
    "accounts.jwt_revocation.JWTAuthentication",
    # `Authorization: Token <key>`, for the keys that /auth/token/login/ hands out: DRF's
    # class, the key's user remembered in the shared cache (accounts/authentication.py).
    "accounts.authentication.TokenAuthentication",
]

SIMPLE_JWT = {
    # Short enough that a stolen access token is soon worthless: a plain logout does not
    # revoke it (a password change, a reset or "log out everywhere" does).
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
    # The words accepted before the token. "Bearer" is the standard one and names the 401
    # challenge; "JWT" is the prefix the course notes (and Djoser's docs) use.
    "AUTH_HEADER_TYPES": ("Bearer", "JWT"),
    # Records each login in `last_login`, as the token login does: a password-reset
    # link hashes it, so logging in after asking for a reset voids the link.
    "UPDATE_LAST_LOGIN": True,
    # Says "not activated yet" when the password is right but the account is inactive.
    "TOKEN_OBTAIN_SERIALIZER": "accounts.serializers.TokenObtainPairSerializer",
    # The token classes and serializers of accounts/jwt_revocation.py: tokens carry the
    # user's generation (`gen`) and their login's family (`fam`), claims of the wrong type
    # are a 401, and a refresh token is redeemed at most once, even in parallel.
    "AUTH_TOKEN_CLASSES": ("accounts.jwt_revocation.AccessToken",),
    # A used refresh token that comes back revokes its whole family (reuse detection).
    "TOKEN_REFRESH_SERIALIZER": "accounts.jwt_revocation.TokenRefreshSerializer",
    # 401 `token_not_valid` for a blacklisted or revoked token, like every other bad one.
    "TOKEN_VERIFY_SERIALIZER": "accounts.jwt_revocation.TokenVerifySerializer",
    "TOKEN_BLACKLIST_SERIALIZER": "accounts.jwt_revocation.TokenBlacklistSerializer",
}

DJOSER = {
    # New accounts are inactive until the link in the activation email is used.
    "SEND_ACTIVATION_EMAIL": True,
    # The links in the emails, after the site's address. They are pages of a front end,
    # which would POST the uid and token back to /auth/users/activation/ and
    # /auth/users/reset_password_confirm/; here you copy them from the email yourself.
    "ACTIVATION_URL": "activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "password-reset/{uid}/{token}",
    # Users see only themselves under /auth/users/; staff see everyone.
    "HIDE_USERS": True,
    # Reset and resend answer 204 whether or not the email is registered (Djoser's
    # defaults, spelled out because they are a security decision).
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": False,
    "SERIALIZERS": {
        # Registration with first and last name, and an email no other account has.
        "user_create": "accounts.serializers.UserCreateSerializer",
        # /auth/users/me/ and /auth/users/{id}/ show the names too; changing the email
        # needs the current password.
        "current_user": "accounts.serializers.UserSerializer",
        "user": "accounts.serializers.UserSerializer",
        # /auth/token/login/ says "not activated yet" instead of "wrong password".
        "token_create": "accounts.serializers.TokenCreateSerializer",
        # Reset and resend find the account by email in any case (accounts/emails.py).
        # (No username reset: accounts/views.py says why it is not routed.)
        "password_reset": "accounts.djoser_fixes.SendEmailResetSerializer",
        # The emailed uid and token are checked as the strings they were validated to, and
        # a link activates only an account that awaits it (accounts/djoser_fixes.py).
        "activation": "accounts.djoser_fixes.ActivationSerializer",
        "password_reset_confirm": "accounts.djoser_fixes.PasswordResetConfirmSerializer",
    },
    "EMAIL": {
        # The activation email names the account it activates (accounts/mail.py): the
        # reader of a mailbox should know whose account a link switches on.
        "activation": "accounts.mail.ActivationEmail",
    },
}

# --- The browser demo at /demo/ (api/demo.py) -------------------------------------------

# How a browser page logs in to this chapter: the endpoints, which fields of the login's
# answer the page keeps ("tokens", the first is sent in `Authorization: <scheme> ...`),
# and where it keeps them: "cookie" means the browser holds the credential, not the page.
DEMO_CLIENT = {
    "strategy": "djoser JWT in localStorage",
    "csrf": None,
    "login": "/auth/jwt/create/",
    "tokens": ["access", "refresh"],
    "scheme": "JWT",
    "kept": "localStorage",
    "refresh": "/auth/jwt/refresh/",
    "logout": "/auth/jwt/blacklist/",
    "logout_method": "POST",
    "me": "/auth/users/me/",
}
