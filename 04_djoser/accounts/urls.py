"""Djoser's routes under /auth/, served by the throttled views of `views.py`.

`djoser.urls`, `djoser.urls.jwt` and `djoser.urls.authtoken` would register the
libraries' own, unthrottled views, and their jwt/ and token/ patterns also match
without the trailing slash (`^jwt/create/?`). So the same routes are listed here, with
the views swapped, plus jwt/blacklist/ for a JWT logout, which Djoser does not have.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import logout_everywhere, views

# users/ (register, list), users/me/, users/activation/, users/resend_activation/,
# users/set_password/, users/reset_password/, users/reset_password_confirm/, ...
router = SimpleRouter()
router.register("users", views.UserViewSet)

urlpatterns = [
    # username + password -> an access token and a refresh token (throttled).
    path("jwt/create/", views.TokenObtainPairView.as_view(), name="jwt-create"),
    # refresh -> a new access token and, with rotation, a new refresh token.
    path("jwt/refresh/", views.TokenRefreshView.as_view(), name="jwt-refresh"),
    # any token -> 200 {} if it is genuine, unexpired and not blacklisted.
    path("jwt/verify/", views.TokenVerifyView.as_view(), name="jwt-verify"),
    # refresh -> blacklisted: the JWT logout.
    path("jwt/blacklist/", views.TokenBlacklistView.as_view(), name="jwt-blacklist"),
    # an access token -> every JWT of its user revoked, this one too (throttled).
    path(
        "jwt/logout-everywhere/",
        logout_everywhere.LogoutEverywhereView.as_view(),
        name="jwt-logout-everywhere",
    ),
    # username + password -> {"auth_token": key} (throttled); logout deletes the key.
    path("token/login/", views.TokenCreateView.as_view(), name="login"),
    path("token/logout/", views.TokenDestroyView.as_view(), name="logout"),
    *router.urls,
]
