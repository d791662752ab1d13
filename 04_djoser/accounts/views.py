"""Djoser's and SimpleJWT's views, throttled where they check a secret or send an email.

The libraries' views carry no throttle, so nothing would slow down password guessing.
These subclasses count every such request in the `login` scope, per client address.
"""

from django.contrib.auth import get_user_model
from djoser import views as djoser_views
from drf_spectacular.utils import extend_schema
from rest_framework_simplejwt import views as jwt_views

from api.throttles import LoginRateThrottle


class UserViewSet(djoser_views.UserViewSet):
    """Djoser's /auth/users/ endpoints.

    Reading and editing your own account is not throttled. Every action that checks a
    password or an emailed token, or that sends an email, is: registration too, so that
    nobody can create accounts (or probe usernames) in bulk.
    """

    queryset = get_user_model().objects.order_by("pk")  # pages need a stable order
    throttled_actions = {
        "create",
        "activation",
        "resend_activation",
        "reset_password",
        "reset_password_confirm",
        "set_password",
        "set_username",
        "reset_username",
        "reset_username_confirm",
        "destroy",
    }

    def get_throttles(self):
        deleting_self = self.action == "me" and self.request.method == "DELETE"
        if self.action in self.throttled_actions or deleting_self:
            return [LoginRateThrottle()]
        return super().get_throttles()


class TokenCreateView(djoser_views.TokenCreateView):
    """/auth/token/login/: a username and password for a `Token` key."""

    throttle_classes = [LoginRateThrottle]


class TokenDestroyView(djoser_views.TokenDestroyView):
    """/auth/token/logout/: deletes the caller's key, so it stops working at once.

    Djoser declares a bare `Serializer` for this view, which drf-spectacular cannot
    name; the schema says what really happens instead: no body in, 204 out.
    """

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        return super().post(request)


class TokenObtainPairView(jwt_views.TokenObtainPairView):
    """/auth/jwt/create/: a username and password for an access and a refresh token.

    The refresh, verify and blacklist views are left unthrottled on purpose: they check
    a signature, not a password. A forged token fails that check without a database
    query, and a genuine one cannot be guessed.
    """

    throttle_classes = [LoginRateThrottle]
