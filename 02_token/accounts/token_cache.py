"""Tombstones over a key's remembered answer, written before the key or its user changes.

`accounts.authentication` remembers which user a key belongs to (`api.credential_cache`).
Whatever ends or changes that answer passes through one of these two receivers first:

- a key deleted (logout, a password change, a deactivation, the admin, a deleted user's
  keys going with it): `pre_delete`;
- its user saved (a new password, `is_active`, `is_staff`, any field a view may read,
  all but a login's `last_login` stamp): `pre_save`.

Both run before the database changes, so if the cache cannot be told, the change is
refused (`CacheUnavailable`) rather than made behind the cache's back.
"""

from django.conf import settings
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from api import credential_cache


def key_entry(key):
    """Where a token key's answer is remembered."""
    return credential_cache.key("token", key)


@receiver(pre_delete, sender=Token)
def forget_deleted_key(sender, instance, **kwargs):
    credential_cache.forget([key_entry(instance.key)])


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def forget_keys_of_saved_user(sender, instance, update_fields=None, **kwargs):
    if not credential_cache.changes_an_answer(instance, update_fields):
        return
    if not credential_cache.seconds():  # no query for keys that nobody remembers
        return
    keys = Token.objects.filter(user_id=instance.pk).values_list("key", flat=True)
    credential_cache.forget([key_entry(key) for key in keys])
