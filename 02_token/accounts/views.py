"""The token endpoint: trade a username and password for a key, or give the key back."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api.signals import LOGOUT_EVERYWHERE, revoke_credentials
from api.throttles import LoginRateThrottle, LogoutRateThrottle

from .revocation import still_as_checked


class AuthTokenView(ObtainAuthToken):
    """POST logs in and answers the user's key; DELETE logs out by deleting that key.

    DRF's `ObtainAuthToken` checks a password with no throttle at all, and parses bodies
    with its own list of parsers; this subclass adds the login throttle and uses the
    project's parsers (deeply nested JSON is a 400 there, not a crash).

    A user has one key, shared by every client that logged in, so DELETE logs them all out:
    it takes the one path every revocation takes (`api.signals.revoke_credentials`), the
    one a password change or a deactivation takes too.
    """

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [IsAuthenticated()]
        return [AllowAny()]  # anyone may try a password

    def get_throttles(self):
        # The password check spends the address's login budget; a logout, which needs a
        # valid key, is limited per user instead, so it never spends a guess.
        if self.request.method == "POST":
            return [LoginRateThrottle()]
        if self.request.method == "DELETE":
            return [LogoutRateThrottle()]
        return []

    def post(self, request, *args, **kwargs):
        """DRF's login, but the key is made only for the user as the password check saw it.

        A password change or a deactivation that committed between the check and
        `get_or_create` has already deleted the user's key, so the row is read again once
        the key exists: if it changed, the key goes and the login answers as a wrong
        password does. A change that commits later deletes the key itself.
        """
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        if not still_as_checked(user):
            Token.objects.filter(key=token.key).delete()
            raise ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        _("Unable to log in with provided credentials.")
                    ]
                },
                "authorization",
            )
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        revoke_credentials(request.user, LOGOUT_EVERYWHERE)
        return Response(status=status.HTTP_204_NO_CONTENT)
