"""Revocable JWTs: what this course adds to SimpleJWT so that a token can be ended early.

A signed token is checked by its signature, so on its own it lives until it expires.
Two claims let the server end it sooner, at the price of reading state it keeps:

- `gen`, the user's generation (`JWTGeneration`). A password change, a reset, a
  deactivation or "log out everywhere" adds one (`end_every_token`, connected to
  `api.signals.credentials_revoked`), and every token carrying the old value is refused
  at once: access tokens by `JWTAuthentication`, in the query that loads the user
  anyway, and refresh tokens by `TokenRefreshSerializer` (upstream checks nothing on
  refresh, issue #927).
- `fam`, the login a refresh token descends from. A rotated refresh token that comes
  back is a sign it was copied (RFC 9700, section 4.14.2): the refresh is refused and
  the whole family is revoked (`RevokedTokenFamily`), its access tokens included, so the
  thief and the victim must both log in again.

That state is what makes a JWT as stateful as a token key. Identical in 03, 04 and 05
(a test keeps the copies in step).
"""

from uuid import uuid4

from django.contrib.auth import get_user_model
from django.db.models import Exists, F
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import authentication as jwt_authentication
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt import tokens as jwt_tokens
from rest_framework_simplejwt.exceptions import AuthenticationFailed as JWTAuthenticationFailed
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings

from api import credential_cache

from . import jwt_cache
from .models import JWTGeneration, RevokedTokenFamily
from .simplejwt_fixes import (
    AtomicBlacklistMixin,
    CheckedClaimsMixin,
    TokenAlreadyUsed,
    VerifyAnswers401Mixin,
    check_text,
    user_or_none,
)

GENERATION_CLAIM = "gen"
FAMILY_CLAIM = "fam"
MAX_GENERATION = 2**63 - 1  # PositiveBigIntegerField's range


# --- the state ---------------------------------------------------------------------------


def current_generation(user):
    """The user's generation: read from the join if the user was loaded with
    `select_related("jwt_generation")`, else one query. 0 until the first revocation."""
    try:
        return user.jwt_generation.value
    except JWTGeneration.DoesNotExist:
        return 0


def end_every_token(sender, user, reason, **kwargs):
    """`credentials_revoked` receiver: one more generation ends every token `user` holds."""
    jwt_cache.forget_user(user)  # first: if the cache cannot hear of it, nothing ends
    JWTGeneration.objects.bulk_create([JWTGeneration(user=user)], ignore_conflicts=True)
    JWTGeneration.objects.filter(user=user).update(value=F("value") + 1)
    user._state.fields_cache.pop("jwt_generation", None)  # forget a generation joined before


def revoke_family(payload):
    """Refuses every refresh token of the login `payload` descends from, from now on."""
    user = user_or_none(payload)
    if user is not None:  # a deleted user's tokens are dead anyway
        jwt_cache.forget_family(payload[FAMILY_CLAIM])
        RevokedTokenFamily.objects.bulk_create(
            [RevokedTokenFamily(family=payload[FAMILY_CLAIM], user=user)], ignore_conflicts=True
        )


def still_as_checked(user):
    """True while the user's row holds the password and `is_active` that the login's
    password check read from it.

    Under several workers a login may check the old password, and a password change or a
    deactivation may commit and revoke everything before that login makes its token: the
    token would be new to the revocation and live on (red team, finding 2).
    """
    stored = type(user)._base_manager.filter(pk=user.pk).values_list("password", "is_active")
    return stored.first() == (user.password, user.is_active)


def check_generation(token, user):
    """A TokenError unless `token` was signed for the user's current generation."""
    if token[GENERATION_CLAIM] != current_generation(user):
        raise TokenError(_("Token was revoked"))


# --- the tokens --------------------------------------------------------------------------


class RevocationClaimsMixin:
    """Requires a well-typed `gen` claim (and `fam`, where the token type has one)."""

    family_claim_required = False

    def check_claim_types(self):
        super().check_claim_types()
        value = self.payload.get(GENERATION_CLAIM)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= MAX_GENERATION
        ):
            raise TokenError(
                _("Token has no valid '%(claim)s' claim") % {"claim": GENERATION_CLAIM}
            )
        if self.family_claim_required or FAMILY_CLAIM in self.payload:
            if FAMILY_CLAIM not in self.payload:
                raise TokenError(
                    _("Token has no valid '%(claim)s' claim") % {"claim": FAMILY_CLAIM}
                )
            check_text(
                self.payload, FAMILY_CLAIM, RevokedTokenFamily._meta.get_field("family").max_length
            )


class AccessToken(RevocationClaimsMixin, CheckedClaimsMixin, jwt_tokens.AccessToken):
    """An access token with checked claims: `AUTH_TOKEN_CLASSES` names it."""


class UntypedToken(RevocationClaimsMixin, CheckedClaimsMixin, jwt_tokens.UntypedToken):
    """Any of the two, as the verify endpoint reads it."""


class RefreshToken(
    RevocationClaimsMixin, CheckedClaimsMixin, AtomicBlacklistMixin, jwt_tokens.RefreshToken
):
    """A refresh token that carries its login's family and generation, and is refused
    once its family was revoked."""

    family_claim_required = True
    access_token_class = AccessToken

    @classmethod
    def for_user(cls, user):
        """A new login: a new family, at the user's current generation.

        The generation is read before the user row is read again (`still_as_checked`):
        a password change or a deactivation that committed after the password check is
        either seen in the row, and the login is refused, or it adds one to the
        generation after this read, and the token is refused from its first use.
        """
        generation = (
            JWTGeneration.objects.filter(user=user).values_list("value", flat=True).first() or 0
        )
        if not still_as_checked(user):
            raise AuthenticationFailed(
                jwt_serializers.TokenObtainSerializer.default_error_messages["no_active_account"],
                "no_active_account",
            )
        token = cls()
        token[api_settings.USER_ID_CLAIM] = str(getattr(user, api_settings.USER_ID_FIELD))
        token[GENERATION_CLAIM] = generation
        token[FAMILY_CLAIM] = uuid4().hex
        token.outstanding_token(user)
        return token

    def verify(self):
        super().verify()
        if RevokedTokenFamily.objects.filter(family=self.payload[FAMILY_CLAIM]).exists():
            raise TokenError(_("Token was revoked"))


# --- authentication ----------------------------------------------------------------------


class JWTAuthentication(jwt_authentication.JWTAuthentication):
    """SimpleJWT's authentication, which also refuses a token of an old generation or of
    a revoked family (its login reused a refresh token).

    Both are read in the one query that loads the user anyway, the generation as a join
    and the family as an `EXISTS` subquery, so no request costs a query more than
    upstream's; with a shared cache, a login seen before costs none, and each worker
    checks a token's signature once (jwt_cache.py).
    """

    def get_validated_token(self, raw_token):
        return jwt_cache.remembered_token(raw_token)  # verified once per worker

    def get_user(self, validated_token):
        payload = validated_token.payload
        family = payload.get(FAMILY_CLAIM)
        keys = jwt_cache.login_keys(payload[api_settings.USER_ID_CLAIM], family)
        user = credential_cache.recall(keys, lambda: self.load_user(payload, family))
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise JWTAuthenticationFailed(_("User is inactive"), code="user_inactive")
        try:
            check_generation(validated_token, user)
        except TokenError as error:
            raise InvalidToken(error.args[0]) from None
        if user.jwt_family_revoked:
            raise InvalidToken(_("Token was revoked"))
        return user

    def load_user(self, payload, family):
        """The user, joined with their generation and their family's revocation."""
        queryset = self.user_model._default_manager.select_related("jwt_generation")
        queryset = queryset.annotate(
            jwt_family_revoked=Exists(RevokedTokenFamily.objects.filter(family=family or ""))
        )
        user = user_or_none(payload, queryset)
        if user is None:  # raised, so never remembered
            raise JWTAuthenticationFailed(_("User not found"), code="user_not_found")
        return user


# --- the serializers the views use -------------------------------------------------------


class TokenObtainPairSerializer(jwt_serializers.TokenObtainPairSerializer):
    """Username and password in; a pair of a new family out."""

    token_class = RefreshToken


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """A refresh token in, redeemed at most once; a new access and refresh token out.

    Upstream checks neither the generation (issue #927) nor that a used token is being
    replayed: a rotated token that comes back revokes its family, and a deleted user's
    token is the same 401 as a deactivated one's instead of upstream's 500.
    Always rotates and blacklists (ROTATE_REFRESH_TOKENS, BLACKLIST_AFTER_ROTATION).
    """

    token_class = RefreshToken

    def validate(self, attrs):
        try:
            refresh = self.token_class(attrs["refresh"])  # genuine, typed, unused, family alive
            user = self.active_user(refresh)
            check_generation(refresh, user)
            refresh.blacklist()  # the gate: of parallel requests, one gets past it
        except TokenAlreadyUsed as reused:
            revoke_family(reused.payload)
            raise
        data = {"access": str(refresh.access_token)}
        refresh.set_jti()
        refresh.set_exp()
        refresh.set_iat()
        refresh.outstanding_token(user)
        data["refresh"] = str(refresh)
        return data

    def active_user(self, refresh):
        queryset = get_user_model()._default_manager.select_related("jwt_generation")
        user = user_or_none(refresh.payload, queryset)
        if user is None or not api_settings.USER_AUTHENTICATION_RULE(user):
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            )
        return user


class TokenVerifySerializer(VerifyAnswers401Mixin, jwt_serializers.TokenVerifySerializer):
    """Any token in; `{}` if it would still be accepted, else a 401 `token_not_valid`."""

    token_class = UntypedToken

    def check_token(self, token):
        user = user_or_none(token.payload)
        if user is None or not user.is_active:
            raise TokenError(_("Token was revoked"))
        check_generation(token, user)
        family = token.get(FAMILY_CLAIM)
        if family is not None and RevokedTokenFamily.objects.filter(family=family).exists():
            raise TokenError(_("Token was revoked"))


class TokenBlacklistSerializer(jwt_serializers.TokenBlacklistSerializer):
    """A refresh token in, blacklisted in one atomic step: the logout of one login.

    The access tokens it handed out keep working until they expire.
    """

    token_class = RefreshToken


def connect():
    """Called by `AccountsConfig.ready()`."""
    from api.signals import credentials_revoked

    credentials_revoked.connect(end_every_token, dispatch_uid="jwt_revocation.end_every_token")
