"""The user a session names, remembered in the shared cache: a session request without a query.

Why: after the session's row, Django's `get_user` asks the backend for the user, a second
query on every request. `RememberedUserBackend` keeps that answer with
`api.credential_cache`; Django still checks the session's password hash against the
remembered user, so that check needs the remembered user to be current.

Hence the receivers below, connected when `accounts` imports this module in `ready()`.
Before a user is saved
or deleted they write a tombstone over the remembered user: a new password (or a new
hash of the same one), `is_active`, `is_staff`, any field a view may read. If the cache
cannot be told, the save is refused (`CacheUnavailable`) and nothing changes.

One save is let through: a login's `last_login` alone. A tombstone there would keep the
new session's user out of the cache for two cache lifetimes after every login, and a
remembered user may show the previous `last_login` for `CREDENTIAL_CACHE_SECONDS`.

Identical in 01 and 07, the two session chapters (a test keeps the copies in step).
"""

from django.conf import settings
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from api import credential_cache


def user_entry(user_id):
    """Where a user is remembered (`str`: the session holds the id as a string)."""
    return credential_cache.key("user", str(user_id))


class NoUser(Exception):
    """The backend answered None (no such user, or inactive): never remembered."""


class RememberedUserBackend:
    """Mixin for a `ModelBackend`: `get_user` from the cache when it can."""

    def get_user(self, user_id):
        try:
            return credential_cache.recall([user_entry(user_id)], lambda: self._load(user_id))
        except NoUser:
            return None

    def _load(self, user_id):
        user = super().get_user(user_id)
        if user is None:
            raise NoUser()
        return user


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="user_cache.saved")
def forget_saved_user(sender, instance, update_fields=None, **kwargs):
    if credential_cache.changes_an_answer(instance, update_fields):  # not `last_login` alone
        credential_cache.forget([user_entry(instance.pk)])


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="user_cache.deleted")
def forget_deleted_user(sender, instance, **kwargs):
    credential_cache.forget([user_entry(instance.pk)])
