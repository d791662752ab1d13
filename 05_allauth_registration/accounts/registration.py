"""Sign-up where an email address belongs to whoever reads the mail sent to it.

dj-rest-auth refuses an address only once some account has verified it, and then says so
in the answer. So an attacker could register `victim@...` and never verify it; the
victim's own sign-up made a second account (and, under allauth's cooldown, no email), and
the victim's resend mailed the attacker's key, which verified the attacker's account.

Here, as in allauth's own sign-up form (`ACCOUNT_PREVENT_ENUMERATION` with mandatory
verification), an address names one account at most, verified or not:

- a sign-up with a taken address creates nothing, answers exactly what a new sign-up
  answers, and mails the address allauth's "an account already exists" message, which
  points to the password reset;
- if the account holding it never verified the address, its password is voided: whoever
  set it has not shown they read that mailbox, and whoever does read it recovers the
  account with the reset (which also verifies the address, see passwords.py);
- the submitted password is hashed all the same, and thrown away: hashing is what a new
  account costs (about 240 ms with PBKDF2), so without it the answer's timing alone
  would tell whether the address has an account.

The database holds the same rules (migration 0002 for addresses, 0003 for usernames in
any case), so two sign-ups racing each other end the same way: one account, and a 400
for a taken username, never a 500.
"""

from allauth.account.adapter import get_adapter
from allauth.account.internal.userkit import filter_users_by_email
from allauth.account.models import EmailAddress
from dj_rest_auth.registration.serializers import RegisterSerializer as BaseRegisterSerializer
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from rest_framework import serializers


class RegisterSerializer(BaseRegisterSerializer):
    """`save()` answers the new user, or None when the address already had an account."""

    def validate_email(self, email):
        # No "already registered" error: the answer must not tell who has an account.
        return get_adapter().clean_email(email)

    def save(self, request):
        email = self.validated_data["email"]
        if filter_users_by_email(email):
            make_password(self.validated_data["password1"])  # as long as a new account takes
            return self.notify_owner(request, email)
        try:
            with transaction.atomic():
                user = super().save(request)
                # allauth quietly leaves out an address that another account holds.
                if not EmailAddress.objects.filter(user=user).exists():
                    raise IntegrityError("the address went to a parallel sign-up")
                return user
        except IntegrityError:  # a parallel sign-up took the username or the address first
            username = self.validated_data["username"]
            if get_user_model().objects.filter(username__iexact=username).exists():
                raise serializers.ValidationError(
                    {"username": [get_adapter().error_messages["username_taken"]]}
                ) from None
            return self.notify_owner(request, email)

    def notify_owner(self, request, email):
        """Voids the password of an account that never proved the address; mails the address."""
        for address in EmailAddress.objects.filter(email__iexact=email, verified=False):
            address.user.set_unusable_password()
            address.user.save()  # api.signals ends whatever that password was used for
        get_adapter(request).send_account_already_exists_mail(email)
        return None
