"""`POST .../logout-everywhere/`: one request ends every JWT of the user who sends it.

Apart from `jwt_revocation.py` because that module is imported while DRF reads its
settings (it holds the authentication class), and a view cannot be imported then.
Identical in 03, 04 and 05 (a test keeps the copies in step).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.signals import LOGOUT_EVERYWHERE, revoke_credentials
from api.throttles import UserRateThrottle

Detail = inline_serializer("LogoutEverywhereAnswer", {"detail": serializers.CharField()})


class LogoutEverywhereView(APIView):
    """Ends every access and refresh token of the logged-in user, this one included.

    It sends `credentials_revoked` (reason `logout-everywhere`), the one revocation path
    that a password change also takes. Throttled per user: each call writes a row.
    """

    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle]
    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses=Detail)
    def post(self, request):
        revoke_credentials(request.user, LOGOUT_EVERYWHERE)
        return Response({"detail": _("Every token of this account was revoked.")})
