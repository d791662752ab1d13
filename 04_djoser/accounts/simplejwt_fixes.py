"""Workarounds for SimpleJWT 5.5.1 behaviours that crash, race or answer inconsistently.

Nothing here is a choice of this course: each class closes one gap in the library and
names it, so it can be deleted when upstream fixes it. The chapter's own rules about
tokens (generations, families, "log out everywhere") live in `jwt_revocation.py`.
Identical in 03, 04 and 05 (a test keeps the copies in step).
"""

import math

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.utils import datetime_from_epoch

# OutstandingToken.jti is a CharField(max_length=255): a longer one is a DataError on PG.
MAX_JTI_LENGTH = 255


class TokenAlreadyUsed(TokenError):
    """A refresh token that was already redeemed or blacklisted; carries its payload."""

    def __init__(self, payload):
        super().__init__(_("Token is blacklisted"))
        self.payload = payload


def is_number(value):
    """JSON numbers only: a bool is an int to Python, but not a timestamp."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_timestamp(payload, claim):
    """Upstream `check_exp` feeds any JSON value to `datetime.fromtimestamp()`: a 500."""
    value = payload[claim]
    if not is_number(value) or (isinstance(value, float) and not math.isfinite(value)):
        raise TokenError(_("Token has an invalid '%(claim)s' claim") % {"claim": claim})
    try:
        datetime_from_epoch(value)
    except (OverflowError, OSError, ValueError):  # 10**30 is past year 9999
        raise TokenError(_("Token has an invalid '%(claim)s' claim") % {"claim": claim}) from None


def check_text(payload, claim, max_length):
    """A string a database can store: not empty, not too long, no NUL (PostgreSQL)."""
    value = payload[claim]
    if not isinstance(value, str) or not 0 < len(value) <= max_length or "\x00" in value:
        raise TokenError(_("Token has an invalid '%(claim)s' claim") % {"claim": claim})


def check_user_id(payload):
    """The user id claim as the user model's id field accepts it, or a TokenError.

    Upstream passes the claim straight to `User.objects.get()`: a string, a list or an
    object there is a ValueError or TypeError, a 500 (the red team's "user_id" cases).
    """
    claim = api_settings.USER_ID_CLAIM
    if claim not in payload:
        raise TokenError(_("Token contained no recognizable user identification"))
    value = payload[claim]
    field = get_user_model()._meta.get_field(api_settings.USER_ID_FIELD)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or "\x00" in str(value):
        raise TokenError(_("Token contained no recognizable user identification"))
    try:
        field.clean(value, None)  # to_python + the field's range validators
    except ValidationError:
        raise TokenError(_("Token contained no recognizable user identification")) from None


class CheckedClaimsMixin:
    """Claims of the wrong type are a TokenError (a 401), never a 500 (no upstream fix yet).

    SimpleJWT checks a token's signature and then trusts its claims' types: `exp` as a
    string or 10**30 crashes `check_exp`, a refresh token without `jti` crashes the
    blacklist lookup (a KeyError), and PyJWT lets a TypeError escape for `iat: []`.
    This mixin goes before the library's token class, so it checks before anything reads.
    """

    def __init__(self, *args, **kwargs):
        try:
            super().__init__(*args, **kwargs)
        except (TypeError, ValueError, OverflowError):  # PyJWT's int(payload["iat"]), ...
            raise TokenError(_("Token is invalid")) from None

    def verify(self):
        self.check_claim_types()
        super().verify()

    def check_claim_types(self):
        payload = self.payload
        if not isinstance(payload, dict):
            raise TokenError(_("Token is invalid"))
        if "exp" not in payload:
            raise TokenError(_("Token has no 'exp' claim"))
        for claim in ("exp", "iat", "nbf"):
            if claim in payload:
                check_timestamp(payload, claim)
        if api_settings.JTI_CLAIM not in payload:
            raise TokenError(_("Token has no id"))
        check_text(payload, api_settings.JTI_CLAIM, MAX_JTI_LENGTH)
        if api_settings.TOKEN_TYPE_CLAIM not in payload:
            raise TokenError(_("Token has no type"))  # also for verify's untyped tokens
        check_text(payload, api_settings.TOKEN_TYPE_CLAIM, 64)
        check_user_id(payload)


class AtomicBlacklistMixin:
    """Redeems a refresh token in one atomic step (upstream `blacklist()` is check-then-write).

    SimpleJWT's `blacklist()` is `get_or_create`, and the refresh view checks the
    blacklist before it: 16 parallel refreshes of one token got 2 to 4 answers of 200.
    Here the insert of the BlacklistedToken row is the gate: its one-to-one column is
    unique, so of any number of parallel inserts exactly one commits, on SQLite and on
    PostgreSQL alike, and every other one is an IntegrityError: `TokenAlreadyUsed`.
    """

    def check_blacklist(self):
        jti = self.payload[api_settings.JTI_CLAIM]
        if BlacklistedToken.objects.filter(token__jti=jti).exists():
            raise TokenAlreadyUsed(self.payload)

    def outstanding_token(self, user=None):
        """This token's OutstandingToken row, written if it is missing."""
        token, _ = OutstandingToken.objects.get_or_create(
            jti=self.payload[api_settings.JTI_CLAIM],
            defaults={
                "user": user,
                "created_at": self.current_time,
                "token": str(self),
                "expires_at": datetime_from_epoch(self.payload["exp"]),
            },
        )
        return token

    def blacklist(self):
        """Blacklists this token, or raises `TokenAlreadyUsed` if anybody did first."""
        outstanding = self.outstanding_token()
        try:
            with transaction.atomic():
                return BlacklistedToken.objects.create(token=outstanding)
        except IntegrityError:
            raise TokenAlreadyUsed(self.payload) from None


class VerifyAnswers401Mixin:
    """Upstream's verify answers a blacklisted token with a 400 and every other bad token
    with a 401; here it is a TokenError too, which the view turns into 401 `token_not_valid`."""

    def validate(self, attrs):
        token = self.token_class(attrs["token"])  # raises TokenError: bad signature, expired...
        if BlacklistedToken.objects.filter(token__jti=token[api_settings.JTI_CLAIM]).exists():
            raise TokenError(_("Token is blacklisted"))
        self.check_token(token)
        return {}

    def check_token(self, token):
        """What else makes a genuine token unusable: nothing, upstream."""


def user_or_none(payload, queryset=None):
    """The token's user, or None if it was deleted (upstream's refresh lets `DoesNotExist`
    escape as a 500; a deleted user gets the same 401 as a deactivated one instead)."""
    if queryset is None:
        queryset = get_user_model()._default_manager.all()
    lookup = {api_settings.USER_ID_FIELD: payload[api_settings.USER_ID_CLAIM]}
    return queryset.filter(**lookup).first()
