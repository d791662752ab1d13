"""Djoser's and SimpleJWT's views, throttled where they check a secret or send an email.

The libraries' views carry no throttle, so nothing would slow down password guessing.
These subclasses count every such request in the `login` scope, per client address.
They also tell the OpenAPI schema what the libraries' views really answer.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from djoser import signals as djoser_signals
from djoser import views as djoser_views
from djoser.compat import get_user_email
from djoser.conf import settings as djoser_settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework_simplejwt import views as jwt_views

from api.throttles import LoginRateThrottle, LogoutRateThrottle

from . import jwt_revocation, links
from .schema import UserViewSetSchema
from .serializers import duplicate_error

MESSAGES = djoser_settings.CONSTANTS.messages

# Djoser's actions that answer 204 with no body, which drf-spectacular cannot guess.
NO_CONTENT = extend_schema(responses={204: None})

# What verify and blacklist answer on success: `{}`. drf-spectacular sees only write-only
# fields in their serializers and documents no body at all.
EMPTY_OBJECT = {"type": "object", "properties": {}, "additionalProperties": False}


@extend_schema_view(
    activation=NO_CONTENT,
    resend_activation=NO_CONTENT,
    set_password=NO_CONTENT,
    reset_password=NO_CONTENT,
    reset_password_confirm=NO_CONTENT,
    set_username=NO_CONTENT,
)
class UserViewSet(djoser_views.UserViewSet):
    """Djoser's /auth/users/ endpoints, minus the username reset.

    Reading your own account is not throttled. Every action that checks a password or
    an emailed token, or that sends an email, is: registration too, so that nobody can
    create accounts (or probe usernames) in bulk, and editing an account, because
    changing its email asks for the password.

    The emailed links (activation, password reset) are redeemed at most once, also in
    parallel (accounts/links.py).
    """

    queryset = get_user_model().objects.order_by("pk")  # pages need a stable order
    schema = UserViewSetSchema()
    throttled_actions = {
        "create",
        "activation",
        "resend_activation",
        "reset_password",
        "reset_password_confirm",
        "set_password",
        "set_username",
        "update",
        "partial_update",
        "destroy",
    }

    def initialize_request(self, request, *args, **kwargs):
        """Names the `me` action for OPTIONS on /auth/users/me/ too.

        DRF calls every OPTIONS request the `metadata` action. Its answer describes the
        PUT form, for which it fetches the object, and Djoser finds the caller only
        when the action is `me`: without this, OPTIONS /auth/users/me/ was a 500.
        """
        request = super().initialize_request(request, *args, **kwargs)
        if self.action == "metadata" and "me" in self.action_map.values():
            self.action = "me"
        return request

    @action(["get", "put", "patch", "delete"], detail=False)
    def me(self, request, *args, **kwargs):
        """Djoser's /auth/users/me/, answering HEAD like GET.

        DRF routes HEAD to the GET action, and Djoser's `me` answers only the four
        methods it names: for HEAD it returned nothing, a 500.
        """
        if request.method == "HEAD":
            self.get_object = self.get_instance
            return self.retrieve(request, *args, **kwargs)
        return super().me(request, *args, **kwargs)

    def get_object(self):
        if self.action == "me":
            return self.request.user
        return super().get_object()

    def get_throttles(self):
        changing_self = self.action == "me" and self.request.method in ("PUT", "PATCH", "DELETE")
        if self.action in self.throttled_actions or changing_self:
            return [LoginRateThrottle()]
        return super().get_throttles()

    # Not routed. Djoser mails a link to set a new username, but needs a front-end page
    # for it (`USERNAME_RESET_CONFIRM_URL`); unset, a registered email was a 500 and an
    # unknown one a 204, which told anyone which emails have accounts. Your username is
    # in the activation email, and /auth/users/me/ shows it once you log in.
    reset_username = None
    reset_username_confirm = None

    @action(["post"], detail=False)
    def activation(self, request, *args, **kwargs):
        """Djoser's activation, but the link switches the account on once only."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not links.activate_once(serializer.user):
            raise exceptions.PermissionDenied(MESSAGES.STALE_TOKEN_ERROR)
        djoser_signals.user_activated.send(
            sender=self.__class__, user=serializer.user, request=self.request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["post"], detail=False)
    def reset_password_confirm(self, request, *args, **kwargs):
        """Djoser's reset confirm, but the link sets a password once only."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.user
        if not links.reset_password_once(user, serializer.data["new_password"]):
            raise exceptions.ValidationError({"token": [MESSAGES.INVALID_TOKEN_ERROR]})
        if djoser_settings.PASSWORD_CHANGED_EMAIL_CONFIRMATION:  # off here, as in Djoser
            email = djoser_settings.EMAIL.password_changed_confirmation
            email(self.request, {"user": user}).send([get_user_email(user)])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(["post"], detail=False, url_path="set_username")
    def set_username(self, request, *args, **kwargs):
        """Djoser's username change; a name taken by a parallel request is a 400 too."""
        try:
            with transaction.atomic():
                return super().set_username(request, *args, **kwargs)
        except IntegrityError:
            request.user.refresh_from_db()
            new = request.data.get(f"new_{get_user_model().USERNAME_FIELD}")
            error = duplicate_error(username=new, user=request.user)
            if error is None:
                raise
            field = f"new_{get_user_model().USERNAME_FIELD}"
            raise exceptions.ValidationError({field: error.detail[field[4:]]}) from None


class TokenCreateView(djoser_views.TokenCreateView):
    """/auth/token/login/: a username and password for a `Token` key.

    The key is made after the password check. A password change or a deactivation
    that committed in between has already deleted the user's keys, so the user's row is
    read again once the key exists: if it changed, the key is deleted and the login
    answers as a wrong password does. A change that commits later deletes the key itself.
    """

    throttle_classes = [LoginRateThrottle]

    def _action(self, serializer):
        response = super()._action(serializer)
        if not jwt_revocation.still_as_checked(serializer.user):
            Token.objects.filter(key=response.data["auth_token"]).delete()
            raise exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [MESSAGES.INVALID_CREDENTIALS_ERROR]},
                "invalid_credentials",
            )
        return response


class TokenDestroyView(djoser_views.TokenDestroyView):
    """/auth/token/logout/: deletes the caller's key, so it stops working at once.

    Djoser keeps one key per user, so this ends every key login of the user: it is the
    key's "log out everywhere", limited per user like the JWT one.

    Djoser declares a bare `Serializer` for this view, which drf-spectacular cannot
    name; the schema says what really happens instead: no body in, 204 out.
    """

    throttle_classes = [LogoutRateThrottle]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        return super().post(request)


# SimpleJWT's views authenticate nobody, so the schema cannot see that a wrong password
# or a bad token is a 401 (`schema_error_codes`, read by api/schema.py).


class TokenObtainPairView(jwt_views.TokenObtainPairView):
    """/auth/jwt/create/: a username and password for an access and a refresh token.

    The refresh, verify and blacklist views are left unthrottled on purpose: they check
    a signature, not a password. A forged token fails that check without a database
    query, and a genuine one cannot be guessed.
    """

    throttle_classes = [LoginRateThrottle]
    schema_error_codes = {401}


class TokenRefreshView(jwt_views.TokenRefreshView):
    """/auth/jwt/refresh/: a refresh token for a new pair (rotation)."""

    schema_error_codes = {401}


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenVerifyView(jwt_views.TokenVerifyView):
    """/auth/jwt/verify/: 200 {} for a genuine, unexpired, unblacklisted token."""

    schema_error_codes = {401}


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenBlacklistView(jwt_views.TokenBlacklistView):
    """/auth/jwt/blacklist/: the JWT logout (Djoser has none)."""

    schema_error_codes = {401}
