"""django-oauth-toolkit's validator, stricter where this chapter promises more.

- PKCE with `S256` only, refused at the authorization request: DOT (with RFC 9700's
  gate on) refuses `plain` only once the user has approved, and oauthlib reads a
  missing `code_challenge_method` as `plain`.
- Redirect URIs compared as strings. DOT follows RFC 8252 and lets a loopback redirect
  URI (`http://127.0.0.1/...`) name any port; here another port is another URI.
- An authorization code is redeemed at most once, and a replay revokes what the code
  bought (accounts/models.py, `Redemption`); an exchange that fails (a wrong verifier)
  does not count as a use.
- A refresh token is redeemed at most once, also by parallel requests.
- An inactive user's token is refused, even before revocation has deleted it.
- An access token seen before is read from the shared cache, not the database
  (accounts/token_cache.py); every check above and DOT's (expiry, scope) still runs on it.
"""

from collections import OrderedDict

from django.db import IntegrityError, transaction
from django.utils import timezone
from oauth2_provider import oauth2_validators
from oauth2_provider.models import (
    get_access_token_model,
    get_grant_model,
    get_refresh_token_model,
)
from oauthlib.oauth2.rfc6749 import errors

from .models import Redemption
from .token_cache import recall_access_token

S256 = "S256"


class OAuth2Validator(oauth2_validators.OAuth2Validator):
    def is_pkce_required(self, client_id, request):
        """Also called with the authorization request: only an S256 challenge passes."""
        if request.code_challenge is not None and request.code_challenge_method != S256:
            raise errors.InvalidRequestError(
                description='PKCE needs code_challenge_method "S256".', request=request
            )
        return True

    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return redirect_uri in request.client.redirect_uris.split()

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        """A code that was already redeemed is a replay: what it bought is revoked."""
        if not super().validate_code(client_id, code, client, request, *args, **kwargs):
            return False
        grant = get_grant_model().objects.get(code=code, application=client)
        redeemed = Redemption.objects.filter(grant=grant).first()
        if redeemed is not None:
            self._revoke_replayed(redeemed)
            return False
        return True

    def _create_refresh_token(self, request, refresh_token_code, *args, **kwargs):
        refresh_token = super()._create_refresh_token(request, refresh_token_code, *args, **kwargs)
        request.issued_token_family = refresh_token.token_family
        return refresh_token

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        """Called once the tokens are saved: marks the code redeemed, instead of deleting it.

        The row is unique per code, so of two exchanges racing with one code (both past
        `validate_code`), exactly one records it. The other is a replay: the tokens both
        bought are revoked, and it answers `invalid_grant`. A failed exchange (a wrong
        PKCE verifier) never gets here, so it cannot burn the client's code.
        """
        grant = get_grant_model().objects.get(code=code, application=request.client)
        family = getattr(request, "issued_token_family", None)
        try:
            with transaction.atomic():
                Redemption.objects.create(grant=grant, token_family=family)
        except IntegrityError:
            get_refresh_token_model().revoke_family(family)
            self._revoke_replayed(Redemption.objects.get(grant=grant))
            raise errors.InvalidGrantError(request=request) from None

    def _revoke_replayed(self, redemption):
        """The second use of a code: what the first bought stops working."""
        Redemption.objects.filter(pk=redemption.pk).update(replayed=True)
        get_refresh_token_model().revoke_family(redemption.token_family)

    def save_bearer_token(self, token, request, *args, **kwargs):
        """DOT's, with a refresh token that lost a race refused once the rollback is done."""
        try:
            return super().save_bearer_token(token, request, *args, **kwargs)
        except _RefreshRaced as raced:
            # After the transaction: its rollback must not undo the revocation.
            get_refresh_token_model().revoke_family(raced.family)
            raise errors.InvalidGrantError(request=request) from None

    def _save_bearer_token(self, token, request, *args, **kwargs):
        """Claims the refresh token being redeemed before DOT rotates it.

        DOT checks that the refresh token is unrevoked before its transaction, then
        rotates it inside: parallel refreshes of one token all pass the check, and got
        several pairs and 500s (SQLite, 12 threads). The claim is one conditional update
        inside the transaction: of parallel refreshes exactly one changes the row; the
        others are replays, and revoke the login (RFC 9700, section 4.14.2).
        """
        redeemed = getattr(request, "refresh_token_instance", None)
        if request.grant_type == "refresh_token" and redeemed is not None:
            claimed = (
                get_refresh_token_model()
                .objects.filter(pk=redeemed.pk, revoked__isnull=True)
                .update(revoked=timezone.now(), access_token=None)
            )
            if not claimed:
                raise _RefreshRaced(redeemed.token_family)
            # What DOT's own revocation of the refresh token would also have ended.
            get_access_token_model().objects.filter(pk=redeemed.access_token_id).delete()
        return super()._save_bearer_token(token, request, *args, **kwargs)

    def _load_access_token(self, token):
        """DOT's query (the token with its user and client), remembered in the cache."""
        return recall_access_token(token, super()._load_access_token)

    def validate_bearer_token(self, token, scopes, request):
        if not super().validate_bearer_token(token, scopes, request):
            return False
        if request.user is not None and not request.user.is_active:
            request.oauth2_error = OrderedDict(
                [("error", "invalid_token"), ("error_description", "The user is inactive.")]
            )
            return False
        return True


class _RefreshRaced(Exception):
    """A refresh token that another request redeemed first (see `_save_bearer_token`)."""

    def __init__(self, family):
        super().__init__(family)
        self.family = family
