"""Ends a user's sessions when `api.signals.credentials_revoked` says their credentials die.

A password change, a deactivation and "log out everywhere" all arrive here. Deleting the
rows is what makes re-activation revive nothing: Django refuses an inactive user's
session, but the session itself would work again once the account is switched back on.
A Basic client needs nothing here: its credential is the password, checked every time.

A flow that lets the person who changed the password carry on, such as the admin's own
password form (`update_session_auth_hash`), saves their session again under a new key
right after this, and that one session survives.
"""

from django.dispatch import receiver

from api.signals import credentials_revoked

from .models import UserSession


@receiver(credentials_revoked)
def end_every_session(sender, user, reason, **kwargs):
    UserSession.objects.filter(user_id=user.pk).delete()
