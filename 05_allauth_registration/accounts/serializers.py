"""dj-rest-auth's and SimpleJWT's token serializers, each with one gap closed."""

from dj_rest_auth.jwt_auth import CookieTokenRefreshSerializer as BaseCookieTokenRefreshSerializer
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import UntypedToken


class CookieTokenRefreshSerializer(BaseCookieTokenRefreshSerializer):
    """Refreshes from the `refresh` cookie, but a deleted user's token is a 401, not a 500.

    SimpleJWT 5.5.1 looks the token's user up with `.get()` and lets `DoesNotExist`
    escape. Here a deleted user gets the same answer as a deactivated one.
    """

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except get_user_model().DoesNotExist:
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
