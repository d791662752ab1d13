"""Emailed links redeemed at most once, however many copies arrive at the same moment.

Djoser checks a link, then writes: two steps, so twelve confirms of one reset link sent
together all pass the check before the first one writes, and all twelve succeed. Here the
write itself is the check. A reset is an `UPDATE ... WHERE password = <the hash the
link was made for>`; an activation deletes the account's `PendingActivation` row. The
database does either for one request only (PostgreSQL makes the others wait for the row
and then finds nothing to change; SQLite writes one at a time), and the rest get the
answer of a used link.

Django's reset token is made from the password hash, `last_login` and the email, so a
reset link also dies when the user logs in (both logins update `last_login`). It says
nothing of `is_active`, so an activation link would switch a deactivated account back
on: the row that the activation consumes is what stops that.
"""

from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from django.dispatch import receiver
from django.utils.timezone import now

from api.signals import DEACTIVATED, PASSWORD_CHANGED, credentials_revoked, revoke_credentials

from .models import PendingActivation


def await_activation(user):
    """Lets the activation link that is about to be mailed to `user` work, once."""
    PendingActivation.objects.get_or_create(user=user)


def awaits_activation(user):
    return PendingActivation.objects.filter(user_id=user.pk).exists()


def activate_once(user):
    """Activates `user` if no other request has used the link; True if this one did."""
    with transaction.atomic():
        deleted, _ = PendingActivation.objects.filter(user_id=user.pk).delete()
        if not deleted:
            return False
        user.is_active = True
        user.save(update_fields=["is_active"])
    return True


def reset_password_once(user, raw_password):
    """Sets the password the reset link asked for, if no other request has used the link.

    True if this request did. `user` is the account as it was read when the link was
    checked; the update succeeds only while its password hash is still the stored one.
    """
    link_made_for = user.password
    user.set_password(raw_password)
    user.last_login = now()  # as Djoser does: the link's token hashes it too
    with transaction.atomic():
        changed = (
            get_user_model()
            ._default_manager.filter(pk=user.pk, password=link_made_for)
            .update(password=user.password, last_login=user.last_login)
        )
        if not changed:
            return False
        # `update()` sends no save signals: this is what api/signals.py would announce.
        revoke_credentials(user, PASSWORD_CHANGED)
    password_validation.password_changed(raw_password, user)
    return True


@receiver(credentials_revoked)
def _deactivation_voids_pending_links(sender, user, reason, **kwargs):
    """Staff switching an account off also retire the activation link it may still hold."""
    if reason == DEACTIVATED:
        PendingActivation.objects.filter(user_id=user.pk).delete()
