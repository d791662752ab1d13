"""Deletes a user's key when `api.signals.credentials_revoked` says their credentials die.

A password change, a deactivation and logging out (`DELETE /api/api-token-auth/`) all
arrive here. authtoken keeps one key per user, shared by every client that logged in,
so deleting it logs the user out everywhere. `TokenAuthentication` already refuses an
inactive user's key, but without this the same key would work again once the account is
switched back on. The next login makes a new key.
"""

from django.db import transaction
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from api.signals import credentials_revoked


@receiver(credentials_revoked)
def delete_the_key(sender, user, reason, **kwargs):
    delete = Token.objects.filter(user_id=user.pk).delete
    delete()
    if transaction.get_connection().in_atomic_block:
        # The change is not committed yet (the admin's form): a login on another worker
        # still reads the old row, and what it makes now would survive. Again, then,
        # once the change is visible to every login (see `still_as_checked`).
        transaction.on_commit(delete)


def still_as_checked(user):
    """True while the user's row holds the password and `is_active` that the login's
    password check read from it.

    Under several workers a login may check the old password, and a password change or a
    deactivation may commit and delete the key before that login makes its own: the new
    key would outlive the revocation (red team, finding 2).
    """
    stored = type(user)._base_manager.filter(pk=user.pk).values_list("password", "is_active")
    return stored.first() == (user.password, user.is_active)
