"""Djoser's and SimpleJWT's serializers, each with one gap closed.

SimpleJWT's own workarounds live in `simplejwt_fixes.py` and `jwt_revocation.py`.

Djoser picks its serializers from `DJOSER["SERIALIZERS"]` and SimpleJWT from
`SIMPLE_JWT["TOKEN_..._SERIALIZER"]`, so these replace the originals without touching
the views.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from djoser import serializers as djoser_serializers
from djoser.conf import settings as djoser_settings
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.validators import UniqueValidator

from . import jwt_revocation

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
    do not own. It also needs the caller's `current_password`, as Djoser's
    set_username and set_password do: the email is where password resets go, so a
    stolen access token alone must not be able to redirect it and take the account.
    """

    email = unique_email_field()
    current_password = serializers.CharField(
        write_only=True,
        required=False,
        style={"input_type": "password"},
        help_text="Your password; needed only to change the email.",
    )

    default_error_messages = {
        "password_required": _("Changing the email needs your current password."),
        "invalid_password": djoser_settings.CONSTANTS.messages.INVALID_PASSWORD_ERROR,
    }

    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = ("id", "username", "email", "first_name", "last_name", "current_password")
        read_only_fields = ("username",)

    def validate(self, attrs):
        password = attrs.pop("current_password", None)
        new_email = attrs.get("email")
        if (
            self.instance is not None
            and new_email is not None
            and new_email != self.instance.email
        ):
            if password is None:
                raise serializers.ValidationError(
                    {"current_password": [self.error_messages["password_required"]]},
                    code="password_required",
                )
            if not self.context["request"].user.check_password(password):
                raise serializers.ValidationError(
                    {"current_password": [self.error_messages["invalid_password"]]},
                    code="invalid_password",
                )
        return attrs


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


class ValidatedUidAndTokenMixin:
    """Djoser's uid-and-token check, fed the validated strings instead of the raw input.

    Djoser reads `uid` and `token` from `initial_data`, the request body as it came. A
    number there passes the `CharField` (which turns it into a string), and then reaches
    `urlsafe_base64_decode` or the token generator as an int: a 500. Here the check sees
    what the fields validated, so `{"uid": 0}` is the usual 400 "Invalid user id".
    """

    def validate(self, attrs):
        self.initial_data = {**self.initial_data, "uid": attrs["uid"], "token": attrs["token"]}
        return super().validate(attrs)


class ActivationSerializer(ValidatedUidAndTokenMixin, djoser_serializers.ActivationSerializer):
    """/auth/users/activation/: `uid` and `token` from the activation email."""


class PasswordResetConfirmSerializer(
    ValidatedUidAndTokenMixin, djoser_serializers.PasswordResetConfirmSerializer
):
    """/auth/users/reset_password_confirm/: `uid`, `token` and `new_password`."""


class UsernameResetConfirmSerializer(
    ValidatedUidAndTokenMixin, djoser_serializers.UsernameResetConfirmSerializer
):
    """/auth/users/reset_username_confirm/: `uid`, `token` and `new_username`."""

    # Djoser's version is a `ModelSerializer` whose `Meta.fields` leaves out the `uid`
    # and `token` it inherits, so DRF drops both fields: they were never validated, and
    # the schema did not mention them.
    class Meta(djoser_serializers.UsernameResetConfirmSerializer.Meta):
        fields = ("uid", "token", User.USERNAME_FIELD)


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


class TokenObtainPairSerializer(jwt_revocation.TokenObtainPairSerializer):
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
