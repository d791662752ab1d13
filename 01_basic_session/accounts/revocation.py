"""Ends a user's sessions when `api.signals.credentials_revoked` says their credentials die.

A password change, a deactivation and "log out everywhere" all arrive here. Deleting the
rows is what makes re-activation revive nothing: Django refuses an inactive user's
session, but the session itself would work again once the account is switched back on.
A Basic client needs nothing here: its credential is the password, checked every time.

With Redis, each deleted row first writes a tombstone over its remembered copy (the
`pre_delete` receiver of `accounts.session_cache`, connected in `accounts/apps.py`); if Redis
cannot be told, the deletion is refused (503) and nothing is ended.

A flow that lets the person who changed the password carry on, such as the admin's own
password form (`update_session_auth_hash`), saves their session again under a new key
right after this, and that one session survives.
"""

from django.contrib.auth import logout, user_logged_in
from django.db import transaction
from django.dispatch import receiver

from api.signals import credentials_revoked

from .models import UserSession


@receiver(credentials_revoked)
def end_every_session(sender, user, reason, **kwargs):
    delete = UserSession.objects.filter(user_id=user.pk).delete
    delete()
    if transaction.get_connection().in_atomic_block:
        # The change is not committed yet (the admin's form): a login on another worker
        # still reads the old row, and what it makes now would survive. Again, then,
        # once the change is visible to every login (see `still_as_checked`).
        transaction.on_commit(delete)


@receiver(user_logged_in)
def end_a_login_that_raced_a_revocation(sender, request, user, **kwargs):
    """Every session login (the JSON one, the browsable API's, the admin's) saves its
    session now, not after the view, and then reads the user's row again: a change that
    committed since the password check logs the session out at once, and one that
    commits later finds this session's row and deletes it."""
    request.session.save()
    if not still_as_checked(user):
        logout(request)


def still_as_checked(user):
    """True while the user's row holds the password and `is_active` that the login's
    password check read from it.

    Under several workers a login may check the password, and a deactivation may commit
    and delete the user's sessions before that login saves its own: re-activating the
    account would then revive it (red team, finding 2).
    """
    stored = type(user)._base_manager.filter(pk=user.pk).values_list("password", "is_active")
    return stored.first() == (user.password, user.is_active)
