from django.urls import path
from rest_framework_simplejwt.views import TokenBlacklistView, TokenRefreshView, TokenVerifyView

from .views import TokenObtainPairView

urlpatterns = [
    # username + password -> an access token and a refresh token (throttled).
    path("token/", TokenObtainPairView.as_view(), name="token_obtain_pair"),
    # refresh -> a new access token and, with rotation, a new refresh token.
    path("token/refresh/", TokenRefreshView.as_view(), name="token_refresh"),
    # any token -> 200 {} if it is genuine, unexpired and not blacklisted.
    path("token/verify/", TokenVerifyView.as_view(), name="token_verify"),
    # refresh -> blacklisted: the logout.
    path("token/blacklist/", TokenBlacklistView.as_view(), name="token_blacklist"),
]
