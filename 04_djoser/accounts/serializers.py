"""Djoser's and SimpleJWT's serializers, each with one gap closed.

Djoser picks its serializers from `DJOSER["SERIALIZERS"]` and SimpleJWT from
`SIMPLE_JWT["TOKEN_..._SERIALIZER"]`, so these replace the originals without touching
the views.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from djoser import serializers as djoser_serializers
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.validators import UniqueValidator
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import UntypedToken

User = get_user_model()

INACTIVE_ACCOUNT = _(
    "This account is not active. New accounts are activated with the link in the "
    "activation email; /auth/users/resend_activation/ sends it again."
)


def inactive_account(username, password):
    """True when `username` and `password` match an account that is not active.

    Django's backends refuse an inactive user exactly like a wrong password. Checking the
    password here first means the clearer message tells nothing to someone who does not
    already know it.
    """
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}, is_active=False).first()
    return user is not None and user.check_password(password)


def unique_email_field():
    """An email that no other account has, whatever its case.

    Password reset finds the account by email, so two accounts sharing one would make
    the address ambiguous.
    """
    return serializers.EmailField(
        max_length=254,
        validators=[
            UniqueValidator(
                queryset=User.objects.all(),
                lookup="iexact",
                message=_("A user with that email already exists."),
            )
        ],
    )


# --- Djoser: accounts ----------------------------------------------------------------


class UserCreateSerializer(djoser_serializers.UserCreateSerializer):
    """Registration: Djoser's fields plus first and last name; the email is required.

    Only the fields listed here are read from the request, so `is_staff` or
    `is_superuser` in a registration body are ignored.
    """

    email = unique_email_field()

    class Meta(djoser_serializers.UserCreateSerializer.Meta):
        fields = ("id", "username", "email", "password", "first_name", "last_name")


class UserSerializer(djoser_serializers.UserSerializer):
    """The account as /auth/users/me/ shows it; the username cannot be changed here.

    Changing the email deactivates the account until the new address is confirmed with
    a fresh activation email (Djoser's own rule), so nobody can claim an address they
    do not own.
    """

    email = unique_email_field()

    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = ("id", "username", "email", "first_name", "last_name")
        read_only_fields = ("username",)


class SendEmailResetSerializer(djoser_serializers.SendEmailResetSerializer):
    """The email form of reset and resend-activation, matched without regard to case.

    Djoser looks the address up with an exact, case-sensitive `.get()`, which misses
    `Alice@Example.com` and crashes if two accounts (made in the admin, say) share it.
    Either way the answer stays the same 204, so nothing is revealed.
    """

    def get_user(self, is_active=True):
        users = User._default_manager.filter(
            is_active=is_active, **{f"{self.email_field}__iexact": self.data.get(self.email_field)}
        ).order_by("pk")
        return next((user for user in users if user.has_usable_password()), None)


class TokenCreateSerializer(djoser_serializers.TokenCreateSerializer):
    """/auth/token/login/: says so when the account is not activated yet."""

    default_error_messages = {"inactive_account": INACTIVE_ACCOUNT}

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except serializers.ValidationError:
            if inactive_account(attrs.get(User.USERNAME_FIELD), attrs.get("password")):
                self.fail("inactive_account")
            raise


# --- SimpleJWT: tokens ---------------------------------------------------------------


class TokenObtainPairSerializer(jwt_serializers.TokenObtainPairSerializer):
    """/auth/jwt/create/: says so when the account is not activated yet."""

    default_error_messages = {"inactive_account": INACTIVE_ACCOUNT}

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except AuthenticationFailed:
            if inactive_account(attrs[self.username_field], attrs["password"]):
                raise AuthenticationFailed(
                    self.error_messages["inactive_account"], "inactive_account"
                ) from None
            raise


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """Refreshes like SimpleJWT, but a deleted user's token is a 401, not a 500.

    SimpleJWT 5.5.1 looks the token's user up with `.get()` and lets `DoesNotExist`
    escape. Here a deleted user gets the same answer as a deactivated one.
    """

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except User.DoesNotExist:
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            ) from None


class TokenVerifySerializer(jwt_serializers.TokenVerifySerializer):
    """Verifies like SimpleJWT, but a blacklisted token is a 401 `token_not_valid`.

    SimpleJWT answers a blacklisted token with a 400 and every other bad token with a
    401 `token_not_valid`; one answer for "do not use this token" is simpler for clients.
    """

    def validate(self, attrs):
        token = UntypedToken(attrs["token"])  # raises TokenError: bad signature, expired...
        if BlacklistedToken.objects.filter(token__jti=token.get(api_settings.JTI_CLAIM)).exists():
            raise TokenError(_("Token is blacklisted"))  # the view turns it into a 401
        return {}
