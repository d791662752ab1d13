from django.urls import path

from . import logout_everywhere, views

urlpatterns = [
    # username + password -> an access token and a refresh token (throttled).
    path("token/", views.TokenObtainPairView.as_view(), name="token_obtain_pair"),
    # refresh -> a new access token and, with rotation, a new refresh token.
    path("token/refresh/", views.TokenRefreshView.as_view(), name="token_refresh"),
    # any token -> 200 {} if it is genuine, unexpired and not blacklisted.
    path("token/verify/", views.TokenVerifyView.as_view(), name="token_verify"),
    # refresh -> blacklisted: the logout.
    path("token/blacklist/", views.TokenBlacklistView.as_view(), name="token_blacklist"),
    # an access token -> every token of its user revoked, this one too (throttled).
    path(
        "token/logout-everywhere/",
        logout_everywhere.LogoutEverywhereView.as_view(),
        name="token_logout_everywhere",
    ),
]
