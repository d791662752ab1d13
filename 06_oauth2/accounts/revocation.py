"""Ends every token a user holds when `api.signals.credentials_revoked` says so.

A password change, a deactivation and "log out everywhere" all send that signal. Each
token the authorization server issued for the user stops working: access tokens and
id tokens are deleted, refresh tokens are marked revoked (so one that comes back is
refused, and counted as reuse), and codes not yet exchanged are deleted. The user's
session on the authorization server's login page ends by Django's own rule: its hash
names the password, and an inactive user's session loads no user.

The admin deactivates a user inside a transaction, and on PostgreSQL a token exchange
that raced it may still read the old row and save its tokens after this ran. So the
same sweep runs again once the transaction commits.

The access tokens' remembered answers get their tombstones first, before anything
changes (accounts/token_cache.py): if the cache cannot be told, nothing is revoked.
"""

from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import (
    get_access_token_model,
    get_grant_model,
    get_id_token_model,
    get_refresh_token_model,
)

from api.signals import credentials_revoked

from .token_cache import forget_tokens


def end_every_token(user):
    """Every token and pending code of `user`, gone or revoked."""
    forget_tokens(get_access_token_model().objects.filter(user=user))
    get_refresh_token_model().objects.filter(user=user, revoked__isnull=True).update(
        revoked=timezone.now()
    )
    get_access_token_model().objects.filter(user=user).delete()
    get_id_token_model().objects.filter(user=user).delete()
    get_grant_model().objects.filter(user=user).delete()


def _on_credentials_revoked(sender, user, reason, **kwargs):
    end_every_token(user)
    transaction.on_commit(lambda: end_every_token(user))


def connect():
    credentials_revoked.connect(_on_credentials_revoked, dispatch_uid="oauth2-revocation")
