"""A JSON session flow for a single-page client: get a CSRF cookie, log in, log out
(here, or on every device at once)."""

from django.contrib.auth import login, logout
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api.signals import LOGOUT_EVERYWHERE, revoke_credentials
from api.throttles import LoginRateThrottle, LogoutRateThrottle

from .serializers import LoginSerializer, SessionUserSerializer

Detail = inline_serializer("Detail", {"detail": serializers.CharField()})


class CsrfView(APIView):
    """Sets the `csrftoken` cookie, which the client echoes in `X-CSRFToken`."""

    permission_classes = [AllowAny]

    @extend_schema(responses=Detail)
    def get(self, request):
        return Response({"detail": "CSRF cookie set."})

    @classmethod
    def as_view(cls, **initkwargs):
        return ensure_csrf_cookie(super().as_view(**initkwargs))


class LoginView(APIView):
    """Starts a session. The CSRF token is required here too (login CSRF).

    DRF exempts its views from Django's CSRF middleware and only checks the token for
    requests that already carry a session, so the check is made explicitly.
    """

    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]

    @extend_schema(request=LoginSerializer, responses=SessionUserSerializer)
    def post(self, request):
        SessionAuthentication().enforce_csrf(request)
        serializer = LoginSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        login(request, user)  # a new session key and a new CSRF token: no fixation
        if not request.user.is_authenticated:  # it raced a revocation (accounts/revocation.py)
            raise ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [LoginSerializer.INVALID]}, "authorization"
            )
        return Response(SessionUserSerializer(user).data)


class LogoutView(APIView):
    """Ends the session: the server forgets it, so the old cookie is worthless."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutEverywhereView(APIView):
    """Ends every session of the user, on every device, this one included.

    It takes the one path every revocation takes (`api.signals.revoke_credentials`), so
    it ends exactly what a password change or a deactivation would. A Basic client may
    call it too: its own credential, the password, lives on; its user's sessions do not.
    """

    permission_classes = [IsAuthenticated]
    throttle_classes = [LogoutRateThrottle]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        revoke_credentials(request.user, LOGOUT_EVERYWHERE)
        logout(request)  # this request's session is gone already: clear its cookie too
        return Response(status=status.HTTP_204_NO_CONTENT)
