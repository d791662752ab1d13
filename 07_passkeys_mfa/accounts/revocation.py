"""Ends a user's sessions when `api.signals.credentials_revoked` says their credentials die.

A password change, a reset, a deactivation and "log out everywhere" arrive here. Both
headless clients hold a Django session: the browser its cookie, the app the session's key
as its `X-Session-Token`. `allauth.usersessions` records every session a login makes, so
ending those rows' sessions ends every credential of the user. Django would already
refuse them after a password change or a deactivation (the session keeps a hash of the
password, and the backend refuses inactive users); deleting them is what makes a
re-activation revive nothing.

With Redis, each deleted row first writes a tombstone over its remembered copy (the
`pre_delete` receiver of `accounts.session_cache`, connected in `accounts/apps.py`); if Redis
cannot be told, the deletion is refused (503) and nothing is ended.
"""

from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import transaction
from django.dispatch import receiver

from api.signals import credentials_revoked


@receiver(credentials_revoked)
def end_every_session(sender, user, reason, **kwargs):
    end_sessions_of(user.pk)
    if transaction.get_connection().in_atomic_block:
        # Not committed yet (the admin's form): a login on another worker still reads
        # the old row, and the session it makes now would survive. Again, then, on commit.
        transaction.on_commit(lambda: end_sessions_of(user.pk))


def end_sessions_of(user_id):
    rows = UserSession.objects.filter(user_id=user_id)
    Session.objects.filter(session_key__in=rows.values("session_key")).delete()
    rows.delete()
