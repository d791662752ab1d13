"""Settings that every chapter shares: everything except authentication.

Each chapter's `config/settings.py` starts with `from api.base_settings import *` and
then adds only its strategy, so diffing two chapters' settings shows exactly what the
strategy changes. Every value can be overridden from the environment; the defaults are
safe for a laptop (SQLite, an in-process cache, emails printed to the console).
"""

import os
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE

from api.environment import env_bool, env_database, env_int, env_list, env_rate, env_secret
from api.secret_key import local_secret_key

# The chapter folder (this file lives in <chapter>/api/).
BASE_DIR = Path(__file__).resolve().parent.parent


# --- Core --------------------------------------------------------------------------------

# Off unless asked for: `DJANGO_DEBUG=1` (the `serve` session sets it).
DEBUG = env_bool("DJANGO_DEBUG")

# Signs password-reset links, signed values, the session's password check (and JWTs,
# unless JWT_SIGNING_KEY is set).
# No key is written in the repository: without DJANGO_SECRET_KEY, this checkout makes its
# own random one, kept in the git-ignored file .django_secret_key (see api/secret_key.py).
SECRET_KEY = env_secret("DJANGO_SECRET_KEY") or local_secret_key(BASE_DIR)

# Production mode: debug off and a key set in the environment, where a deployment keeps
# it. It turns on the HTTPS-only settings below.
PRODUCTION = not DEBUG and env_secret("DJANGO_SECRET_KEY") is not None

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --- Applications ------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver serves static files through WhiteNoise too, so they
    # get the security middleware's headers in development as under gunicorn.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, so /api/docs/ works offline
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.content_security.HTMLContentSecurityPolicyMiddleware",  # see Browser hardening
    "whitenoise.middleware.WhiteNoiseMiddleware",  # serves static files under gunicorn
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "api.middleware.JSONNotFoundMiddleware",
    "api.middleware.CacheUnavailableMiddleware",  # a refused revocation: 503, not 500
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Looked in before the apps' own: api/templates/ overrides DRF's browsable API page.
        "DIRS": [BASE_DIR / "api" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data --------------------------------------------------------------------------------

# SQLite in the chapter folder unless DATABASE_URL names another (postgres://...).
# A worker keeps its connection for DJANGO_CONN_MAX_AGE seconds (0: a new one for every
# request). Opening one per request cost more than any authentication strategy's own
# work (docs/bench.md). A kept connection is checked before each request first uses it,
# so one that died (a database restart) is replaced instead of failing the request; on
# PostgreSQL that check is a round trip, on SQLite it is free.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# SQLite lets one writer in at a time. "IMMEDIATE" takes the write lock when a transaction
# begins, not at its first write, and `timeout` waits up to 20 s for it: without both,
# parallel writes under several gunicorn workers fail with "database is locked", a 500.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

# Throttle counters live in the cache. Local memory is per process; Redis is shared.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "api.redis_cache.ReusedClientRedisCache",  # Django's, one client per pool
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Who a credential belongs to is remembered this long in the cache, so that a request
# costs no query (api/credential_cache.py). Only a cache shared by every worker can be
# told of a logout at once, so with local memory it is off (0).
CREDENTIAL_CACHE_SECONDS = (
    env_int("DJANGO_CREDENTIAL_CACHE_SECONDS", 60) if os.environ.get("REDIS_URL") else 0
)
# Each worker also keeps a copy of the answers it read from Redis, until Redis tells it
# that their key changed (api/near_cache.py): up to this many; 0 turns the copies off.
CREDENTIAL_NEAR_CACHE_SIZE = (
    env_int("DJANGO_CREDENTIAL_NEAR_CACHE_SIZE", 4096) if CREDENTIAL_CACHE_SECONDS else 0
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Requests ----------------------------------------------------------------------------

# Routes end in "/". The redirect APPEND_SLASH would send drops a POST body, so a
# slashless URL gets a JSON 404 naming the right one instead.
APPEND_SLASH = False

# Where a login form (the browsable API's, 01) goes when it names no `next` page:
# the API's root, not Django's default `/accounts/profile/`, which nothing here serves.
LOGIN_REDIRECT_URL = "/api/"

# Bodies over 256 KiB are refused with 413; nothing in this API needs more.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# --- Email -------------------------------------------------------------------------------

# Printed to the terminal in development; set DJANGO_EMAIL_BACKEND for real delivery.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# --- Internationalisation and static files ------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves static files (Swagger UI, the admin) straight from the installed apps,
# so gunicorn needs no `collectstatic` step. Set DJANGO_STATIC_ROOT to collect them instead.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or None

# --- Django REST framework ---------------------------------------------------------------

REST_FRAMEWORK = {
    # Each chapter fills this in: it is the one thing the chapters disagree on.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    # Deny by default; every view in api/ states its own permission anyway.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    "PAGE_SIZE": 10,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    # Documents the error answers too, not only the successes (see api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    # Views pick their throttles; these are the rates each scope allows.
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("THROTTLE_ANON", "2/minute"),
        "user": env_rate("THROTTLE_USER", "5/minute"),
        "ten": env_rate("THROTTLE_TEN", "10/minute"),
        "login": env_rate("THROTTLE_LOGIN", "5/minute"),
    },
    # How many proxies in front of us may be trusted to set X-Forwarded-For. With 0,
    # throttles key on the address the server saw, so a client cannot forge a new one.
    "NUM_PROXIES": env_int("DJANGO_NUM_PROXIES", 0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Little Lemon API",
    "DESCRIPTION": "The same API in every chapter; only the authentication differs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI are public pages: reading no credentials, they cannot fail
    # on bad ones (a 406 page would otherwise meet them first, while rendering, as a 500).
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # The API speaks JSON. Form parsers stay enabled only for the browsable API's forms.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Browser hardening -------------------------------------------------------------------

# SecurityMiddleware already sends X-Frame-Options, nosniff, Referrer-Policy and
# Cross-Origin-Opener-Policy: same-origin on every answer. HTML pages also get this
# Content-Security-Policy (api/content_security.py): scripts, styles, images and fonts
# from this origin only, and no inline scripts (Swagger UI loads its start-up script as a
# file, see api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Swagger UI and the admin style elements inline; a style cannot run code.
        "style-src": [SELF, UNSAFE_INLINE],
        # Swagger UI draws its icons as data: URLs.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Production mode ---------------------------------------------------------------------

# DJANGO_TLS_PROXY=1: HTTPS ends at a proxy in front (nginx, a load balancer), which
# talks plain HTTP to gunicorn and says `X-Forwarded-Proto: https`. Django then treats
# the request as secure: no redirect to HTTPS, and the CSRF checks expect https origins.
# Only set it behind a proxy that sets or strips that header on every request; anywhere
# else a client could send it and pass for HTTPS.
if env_bool("DJANGO_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
