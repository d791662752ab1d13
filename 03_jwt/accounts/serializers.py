"""SimpleJWT's refresh and verify serializers, each with one gap closed."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import UntypedToken


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """A refresh token in; a new access token and a new refresh token out."""

    def validate(self, attrs):
        """SimpleJWT 5.5.1 looks the token's user up with `.get()` and lets `DoesNotExist`
        escape, a 500. A deleted user gets the same 401 as a deactivated one instead."""
        try:
            return super().validate(attrs)
        except get_user_model().DoesNotExist:
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            ) from None


class TokenVerifySerializer(jwt_serializers.TokenVerifySerializer):
    """Any token in; 200 if it is genuine, unexpired and not blacklisted."""

    def validate(self, attrs):
        """SimpleJWT answers a blacklisted token with a 400 and every other bad token with
        a 401 `token_not_valid`. One answer for "do not use this token" is simpler."""
        token = UntypedToken(attrs["token"])  # raises TokenError: bad signature, expired...
        if BlacklistedToken.objects.filter(token__jti=token.get(api_settings.JTI_CLAIM)).exists():
            raise TokenError(_("Token is blacklisted"))  # the view turns it into a 401
        return {}
