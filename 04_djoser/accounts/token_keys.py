"""`/auth/token/login/` keys end with the user's other credentials.

A key is a row that `TokenAuthentication` looks up on every request, so deleting the
user's row ends it at once, at no cost per request. Djoser keeps one key per user, shared
by every login, so this ends all of them; a later login makes a new key, and
re-activating the account brings no old one back.
"""

from django.db import transaction
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from api.signals import credentials_revoked


@receiver(credentials_revoked)
def _delete_the_users_key(sender, user, reason, **kwargs):
    """A password change or reset, a deactivation, or "log out everywhere"."""
    delete = Token.objects.filter(user_id=user.pk).delete
    delete()
    if transaction.get_connection().in_atomic_block:
        # The change is not committed yet (the admin's form): a login on another worker
        # still reads the old row, and what it makes now would survive. Again, then,
        # once the change is visible to every login (see `still_as_checked`).
        transaction.on_commit(delete)
