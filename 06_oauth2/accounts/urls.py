"""The authorization server: django-oauth-toolkit's views that this chapter uses, under /o/.

Only the routes the chapter needs: no device flow, no implicit grant, no application
management pages, no dynamic client registration. Clients are registered in the admin
(or by `load_demo_data`).
"""

from django.urls import path, re_path
from oauth2_provider import views as oauth2_views

from . import views
from .throttling import secret_checks_throttled

app_name = "oauth2_provider"  # DOT's views reverse their URLs by these names

urlpatterns = [
    # The user logs in (a redirect to /accounts/login/), then approves or denies.
    path("authorize/", views.AuthorizationView.as_view(), name="authorize"),
    # code + verifier, refresh token, or client credentials -> tokens.
    path("token/", secret_checks_throttled(oauth2_views.TokenView.as_view()), name="token"),
    # RFC 7009: a client revokes its access or refresh token.
    path(
        "revoke_token/",
        secret_checks_throttled(oauth2_views.RevokeTokenView.as_view()),
        name="revoke-token",
    ),
    # RFC 7662: a confidential client asks whether a token is active.
    path(
        "introspect/",
        secret_checks_throttled(views.IntrospectTokenView.as_view()),
        name="introspect",
    ),
    # OpenID Connect: discovery (the name has no slash in the standard), keys, userinfo.
    re_path(
        r"^\.well-known/openid-configuration/?$",
        oauth2_views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", oauth2_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", views.UserInfoView.as_view(), name="user-info"),
    # Every token of the caller's user, on every client, revoked.
    path("logout-everywhere/", views.LogoutEverywhereView.as_view(), name="logout-everywhere"),
]
