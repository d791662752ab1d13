"""Email verification keys that work once, also in parallel, and only for active accounts.

allauth reads the address, sees it unverified, and saves it verified: two steps, so two
parallel requests with one key both succeeded. Here the first step is a conditional
UPDATE ("verified where still unverified"), which the database lets through once.

A staff member who deactivated an account meant it: its pending link verifies nothing,
answered like an unknown key, and never touches `is_active`.
"""

from allauth.account import signals
from allauth.account.models import EmailAddress
from dj_rest_auth.registration.views import VerifyEmailView as BaseVerifyEmailView
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.response import Response


class SingleUseVerifyEmailView(BaseVerifyEmailView):
    """dj-rest-auth's verification, redeemed at most once."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.kwargs["key"] = serializer.validated_data["key"]
        confirmation = self.get_object()  # a 404 for a key that is forged, expired or used
        address = confirmation.email_address
        if not address.user.is_active:
            raise NotFound
        with transaction.atomic():
            if not EmailAddress.objects.filter(pk=address.pk, verified=False).update(
                verified=True
            ):
                raise NotFound  # a parallel request with the same key was first
            address.verified = True  # set_as_primary saves the whole row
            address.set_as_primary(conditional=True)
        signals.email_confirmed.send(sender=EmailAddress, request=request, email_address=address)
        return Response({"detail": _("ok")})
