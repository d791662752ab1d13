"""django-oauth-toolkit's validator, stricter where this chapter promises more.

- PKCE with `S256` only, refused at the authorization request: DOT (with RFC 9700's
  gate on) refuses `plain` only once the user has approved, and oauthlib reads a
  missing `code_challenge_method` as `plain`.
- Redirect URIs compared as strings. DOT follows RFC 8252 and lets a loopback redirect
  URI (`http://127.0.0.1/...`) name any port; here another port is another URI.
- An authorization code is redeemed at most once, and a replay revokes what the code
  bought (accounts/models.py, `Redemption`).
- An inactive user's token is refused, even before revocation has deleted it.
"""

from collections import OrderedDict

from django.db import IntegrityError, transaction
from oauth2_provider import oauth2_validators
from oauth2_provider.models import get_grant_model, get_refresh_token_model
from oauthlib.oauth2.rfc6749 import errors

from .models import Redemption

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
        if not super().validate_code(client_id, code, client, request, *args, **kwargs):
            return False
        grant = get_grant_model().objects.get(code=code, application=client)
        try:
            with transaction.atomic():
                Redemption.objects.create(grant=grant)
        except IntegrityError:
            self._revoke_replayed(grant)
            return False
        return True

    def _revoke_replayed(self, grant):
        """The second use of a code: what the first bought stops working."""
        Redemption.objects.filter(grant=grant).update(replayed=True)
        redemption = Redemption.objects.get(grant=grant)
        get_refresh_token_model().revoke_family(redemption.token_family)

    def _create_refresh_token(self, request, refresh_token_code, *args, **kwargs):
        refresh_token = super()._create_refresh_token(request, refresh_token_code, *args, **kwargs)
        request.issued_token_family = refresh_token.token_family
        return refresh_token

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        """Called once the tokens are saved: keeps the code's row, marked redeemed.

        If the code came back while its tokens were being made, they are revoked now.
        """
        family = getattr(request, "issued_token_family", None)
        redemptions = Redemption.objects.filter(
            grant__code=code, grant__application=request.client
        )
        redemptions.update(token_family=family)
        if redemptions.filter(replayed=True).exists():
            get_refresh_token_model().revoke_family(family)
            raise errors.InvalidGrantError(request=request)

    def validate_bearer_token(self, token, scopes, request):
        if not super().validate_bearer_token(token, scopes, request):
            return False
        if request.user is not None and not request.user.is_active:
            request.oauth2_error = OrderedDict(
                [("error", "invalid_token"), ("error_description", "The user is inactive.")]
            )
            return False
        return True
