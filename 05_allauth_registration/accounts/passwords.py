"""Password reset links that work once, even when the same one arrives many times at once.

dj-rest-auth checks the link's token, then saves the new password: two steps. Twelve
parallel confirmations of one link all passed the check before any of them saved, and
all twelve succeeded. Here the save is a conditional UPDATE, "set the new hash where the
hash is still the one the token was checked against", so the database lets exactly one
through; the others get the answer of a used link.

The token itself (Django's, through allauth) hashes the password and `last_login`, so a
link also dies once the password changes or the user logs in (LoginView updates
`last_login`, see `SIMPLE_JWT["UPDATE_LAST_LOGIN"]`).

A reset also proves that its sender reads the mail sent to the account's address, so the
address counts as verified afterwards (registration.py relies on that).
"""

from allauth.account.models import EmailAddress
from dj_rest_auth.serializers import PasswordResetConfirmSerializer as BaseConfirmSerializer
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from api.signals import PASSWORD_CHANGED, revoke_credentials


class PasswordResetConfirmSerializer(BaseConfirmSerializer):
    """dj-rest-auth's confirmation, redeemed at most once."""

    def save(self):
        user = self.user
        checked_hash = user.password  # what the token was checked against
        self.set_password_form.save(commit=False)  # sets user.password to the new hash
        with transaction.atomic():
            redeemed = (
                get_user_model()
                .objects.filter(pk=user.pk, password=checked_hash)
                .update(password=user.password)
            )
            if not redeemed:  # another request redeemed this link first
                raise ValidationError({"token": [_("Invalid value")]})
            EmailAddress.objects.filter(user=user, verified=False).update(verified=True)
        # An UPDATE sends no post_save, so the revocation is announced here.
        revoke_credentials(user, PASSWORD_CHANGED)
        return user
