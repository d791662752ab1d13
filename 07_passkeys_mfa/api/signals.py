"""`credentials_revoked`: the moments when every credential a user holds must stop working.

api/ knows nothing of how a chapter authenticates, but it knows when a user's existing
credentials must die: the password changed (a change, a reset, the admin's form,
`manage.py changepassword`), or the account was deactivated. It announces both with one
signal; each chapter's `accounts` app listens and ends what its own strategy issued:
sessions, token keys, refresh tokens, the generation an access token was signed for.
A chapter's "log out everywhere" endpoint sends the same signal, so there is one path to
revocation, and a test of one proves them all.

The change is noticed on `save()`, which every one of those paths calls. A bulk
`QuerySet.update(is_active=False)` sends no signal: deactivate users one by one.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal, receiver

# Sent with `user` (the user whose credentials end) and `reason`: one of REASONS.
credentials_revoked = Signal()

PASSWORD_CHANGED = "password-changed"
DEACTIVATED = "deactivated"
LOGOUT_EVERYWHERE = "logout-everywhere"
REASONS = (PASSWORD_CHANGED, DEACTIVATED, LOGOUT_EVERYWHERE)

# Fields whose change ends credentials; a save that names neither (`last_login`) is skipped.
WATCHED_FIELDS = {"password", "is_active"}


def revoke_credentials(user, reason):
    """Ends every credential `user` holds: what "log out everywhere" calls."""
    credentials_revoked.send(sender=type(user), user=user, reason=reason)


def is_hash_upgrade(user, update_fields):
    """Whether this save only re-hashes the same password in a newer format.

    A login whose hasher is out of date (a new default, more iterations) saves the new
    hash at once: Django's `check_password` does it with `update_fields=["password"]`
    and clears `_password`, "hash upgrades shouldn't be considered password changes".
    Ending every credential of the user at each such login would log them out everywhere.
    """
    return update_fields == {"password"} and getattr(user, "_password", None) is None


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _notice_credential_change(sender, instance, update_fields=None, **kwargs):
    """Compares the row about to be saved with the stored one (one query per save)."""
    instance._credentials_revoked_because = None
    if instance.pk is None or (update_fields is not None and not WATCHED_FIELDS & update_fields):
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*WATCHED_FIELDS).first()
    if stored is None:
        return
    if stored["password"] != instance.password and not is_hash_upgrade(instance, update_fields):
        instance._credentials_revoked_because = PASSWORD_CHANGED
    elif stored["is_active"] and not instance.is_active:
        instance._credentials_revoked_because = DEACTIVATED


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _announce_credential_change(sender, instance, **kwargs):
    """After the row is written, so a listener reads the new password or state."""
    reason = getattr(instance, "_credentials_revoked_because", None)
    if reason:
        instance._credentials_revoked_because = None
        revoke_credentials(instance, reason)
