"""Deletes a user's key when `api.signals.credentials_revoked` says their credentials die.

A password change, a deactivation and logging out (`DELETE /api/api-token-auth/`) all
arrive here. authtoken keeps one key per user, shared by every client that logged in,
so deleting it logs the user out everywhere. `TokenAuthentication` already refuses an
inactive user's key, but without this the same key would work again once the account is
switched back on. The next login makes a new key.
"""

from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from api.signals import credentials_revoked


@receiver(credentials_revoked)
def delete_the_key(sender, user, reason, **kwargs):
    Token.objects.filter(user_id=user.pk).delete()
