"""The chapter's own serializers: registration, the account page, the two logins.

Workarounds for Djoser's bugs live in `djoser_fixes.py`, SimpleJWT's in
`simplejwt_fixes.py`; the token rules of "log out everywhere" in `jwt_revocation.py`.

Djoser picks its serializers from `DJOSER["SERIALIZERS"]` and SimpleJWT from
`SIMPLE_JWT["TOKEN_..._SERIALIZER"]`, so these replace the originals without touching
the views.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from djoser import serializers as djoser_serializers
from djoser.conf import settings as djoser_settings
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed

from . import address_claims, jwt_revocation, links
from .emails import EMAIL_TAKEN, email_taken

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


class UniqueEmailValidator:
    """Refuses an email that another account has, in any case or Unicode spelling.

    The quick, friendly check; the unique index behind `accounts.emails` is the one that
    holds when two requests pass this at the same moment. If the account holding the
    address still awaits its activation, it loses its password (accounts/address_claims.py).
    """

    requires_context = True

    def __call__(self, value, field):
        if email_taken(value, field.parent.instance):
            address_claims.address_named(value, field.context.get("request"))
            raise serializers.ValidationError(EMAIL_TAKEN, code="unique")


def unique_email_field():
    """An email that no other account has, whatever its case (see accounts/emails.py)."""
    return serializers.EmailField(max_length=254, validators=[UniqueEmailValidator()])


def duplicate_error(username=None, email=None, user=None, request=None):
    """The 400 a duplicate gets when the database refused it after the checks passed.

    A request that lost the race to an identical one gets the very answer it would have
    had a moment later, when the winner's row was already there (and, for an email, the
    same effect on the winner, see `UniqueEmailValidator`).
    """
    if (
        username is not None
        and User._default_manager.filter(**{User.USERNAME_FIELD: username})
        .exclude(pk=getattr(user, "pk", None))
        .exists()
    ):
        field = User._meta.get_field(User.USERNAME_FIELD)
        return serializers.ValidationError({User.USERNAME_FIELD: [field.error_messages["unique"]]})
    if email is not None and email_taken(email, user):
        address_claims.address_named(email, request)
        return serializers.ValidationError({"email": [EMAIL_TAKEN]})
    return None


# --- Djoser: accounts ----------------------------------------------------------------


class UserCreateSerializer(djoser_serializers.UserCreateSerializer):
    """Registration: Djoser's fields plus first and last name; the email is required.

    Only the fields listed here are read from the request, so `is_staff` or
    `is_superuser` in a registration body are ignored.
    """

    email = unique_email_field()

    class Meta(djoser_serializers.UserCreateSerializer.Meta):
        fields = ("id", "username", "email", "password", "first_name", "last_name")

    def create(self, validated_data):
        """Djoser answers a refused insert with "Unable to create account."; a duplicate
        that raced past the checks gets the same 400 as a sequential one instead."""
        try:
            return self.perform_create(validated_data)
        except IntegrityError:
            error = duplicate_error(
                validated_data.get(User.USERNAME_FIELD),
                validated_data.get("email"),
                request=self.context.get("request"),
            )
            if error is None:
                self.fail("cannot_create_user")
            raise error from None

    def perform_create(self, validated_data):
        with transaction.atomic():
            user = super().perform_create(validated_data)
            links.await_activation(user)
        return user


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

    def update(self, instance, validated_data):
        """One transaction, so a refused email leaves the account as it was; a new
        address also gets a working activation link (Djoser mails it afterwards)."""
        try:
            with transaction.atomic():
                user = super().update(instance, validated_data)
                if user.email_changed:
                    links.await_activation(user)
        except IntegrityError:
            instance.refresh_from_db()
            error = duplicate_error(
                email=validated_data.get("email"),
                user=instance,
                request=self.context.get("request"),
            )
            if error is None:
                raise
            raise error from None
        return user


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
