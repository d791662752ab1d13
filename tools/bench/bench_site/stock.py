"""The libraries' own authentication classes, each measured beside the strategies that
read the same credential: what a chapter's choices cost against the stock default.

Data only, so both the bench server (bench_site/authentication.py, which serves each
where `X-Bench-Authentication: <route>` asks for it) and the bench process
(tools/bench/variants.py, which pairs a strategy with its peer) read the one list.
"""

from dataclasses import dataclass

# The request header that picks the classes, and its two values besides STOCK's routes.
HEADER = "X-Bench-Authentication"
OFF = "off"  # the baseline: the user preset, no credential read
STATELESS = "stateless"  # chapter 03's accounts/stateless.py


@dataclass(frozen=True)
class Stock:
    label: str  # as the tables name it
    path: str  # the class, for import_string
    app: str  # routed only where the chapter installs this app


STOCK = {
    "drf-session": Stock(
        "DRF SessionAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "django.contrib.sessions",
    ),
    "drf-token": Stock(
        "DRF TokenAuthentication",
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authtoken",
    ),
    "simplejwt": Stock(
        "SimpleJWT JWTAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework_simplejwt",
    ),
    "simplejwt-stateless": Stock(
        "SimpleJWT JWTStatelessUserAuthentication",
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
        "rest_framework_simplejwt",
    ),
    "dj-rest-auth-cookie": Stock(
        "dj-rest-auth JWTCookieAuthentication",
        "dj_rest_auth.jwt_auth.JWTCookieAuthentication",
        "dj_rest_auth",
    ),
    "oauth2-toolkit": Stock(
        "django-oauth-toolkit OAuth2Authentication",
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "oauth2_provider",
    ),
    "allauth-app": Stock(
        "allauth XSessionTokenAuthentication",
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
        "allauth.headless",
    ),
}
