"""`POST /api/auth/logout-everywhere/`: one request ends every login of the user who sends it.

And `POST /api/auth/logout/`, which ends this one only, answering 204: headless's own
`DELETE .../auth/session` answers 401 (its "not logged in" state), which a page script
such as /demo/ reads as a failure.

allauth's own `DELETE /_allauth/<client>/v1/auth/sessions` ends the sessions whose ids it
is given, one by one; this view ends all of them, the caller's included, through the
path every revocation takes (`api.signals.revoke_credentials`), so it ends exactly what
a password change or a deactivation would.
"""

from django.contrib.auth import logout
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.signals import LOGOUT_EVERYWHERE, revoke_credentials
from api.throttles import LogoutRateThrottle


class LogoutEverywhereView(APIView):
    """Ends every session and app token of the user, on every device, this one included.

    Throttled per user at the `login` rate: each call deletes rows.
    """

    permission_classes = [IsAuthenticated]
    throttle_classes = [LogoutRateThrottle]
    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        revoke_credentials(request.user, LOGOUT_EVERYWHERE)
        logout(request._request)  # this session is gone already: clear its cookie too
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Ends the caller's own session (or app token); the others live on."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LogoutRateThrottle]
    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
