"""An access token's remembered answer, and the tombstones written before it changes.

`accounts.validator` remembers an access token's row, with its user and its client, in
the shared cache (`api.credential_cache`), keyed by the token's checksum (the column
DOT looks it up by, so no token is ever a key). Whatever ends or changes that answer
passes through one of these receivers first:

- an access token deleted: a revocation (RFC 7009, the admin), a refresh rotating it,
  its refresh token revoked (DOT deletes the access token), a replayed code or refresh
  token revoking its family, `cleartokens`, "log out everywhere", its user, client or
  id token deleted (the cascade sends `pre_delete` for each row, since receivers
  exist): `pre_delete`;
- an access token saved (the admin, a refresh without rotation): `pre_save`;
- its user saved (a new password, `is_active`, any field a view may read) or deleted;
- its client (Application) saved or deleted.

All of them run before the database changes, so if the cache cannot be told, the change
is refused (`CacheUnavailable`) rather than made behind the cache's back.
"""

import hashlib

from django.conf import settings
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from oauth2_provider.models import get_access_token_model, get_application_model

from api import credential_cache

AccessToken = get_access_token_model()
Application = get_application_model()


class _Unknown(Exception):
    """No such token: raised so that `recall` remembers nothing (a guess costs no entry)."""


def token_entry(checksum):
    """Where the answer of the access token with this checksum is remembered."""
    return credential_cache.key("oauth2-access", checksum)


def recall_access_token(token, load):
    """The access token `token` names (with its user and client), or None.

    From the cache when it was seen before; else `load(token)`, DOT's query. The answer
    is checked by its caller each time (expiry, scope, an inactive user), cached or not.
    """
    checksum = hashlib.sha256(token.encode("utf-8")).hexdigest()

    def load_or_refuse():
        found = load(token)
        if found is None:
            raise _Unknown()
        return found

    try:
        return credential_cache.recall([token_entry(checksum)], load_or_refuse)
    except _Unknown:
        return None


def forget_tokens(tokens):
    """Tombstones over every access token of the queryset `tokens` (one query)."""
    if not credential_cache.seconds():
        return
    checksums = tokens.values_list("token_checksum", flat=True)
    credential_cache.forget([token_entry(checksum) for checksum in checksums])


@receiver(pre_delete, sender=AccessToken)
def forget_deleted_token(sender, instance, **kwargs):
    credential_cache.forget([token_entry(instance.token_checksum)])


@receiver(pre_save, sender=AccessToken)
def forget_saved_token(sender, instance, **kwargs):
    if instance.pk is None:  # a new token: nothing was remembered of it
        return
    # The stored checksum: the one a request found the remembered row by.
    forget_tokens(sender._base_manager.filter(pk=instance.pk))


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def forget_tokens_of_saved_user(sender, instance, update_fields=None, **kwargs):
    # Not a login's `last_login` stamp: no check reads it, and a login with the cache
    # down must still work.
    if credential_cache.changes_an_answer(instance, update_fields):
        forget_tokens(AccessToken.objects.filter(user_id=instance.pk))


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def forget_tokens_of_deleted_user(sender, instance, **kwargs):
    forget_tokens(AccessToken.objects.filter(user_id=instance.pk))


@receiver(pre_save, sender=Application)
def forget_tokens_of_saved_client(sender, instance, **kwargs):
    if instance.pk is None:
        return
    forget_tokens(AccessToken.objects.filter(application_id=instance.pk))


@receiver(pre_delete, sender=Application)
def forget_tokens_of_deleted_client(sender, instance, **kwargs):
    forget_tokens(AccessToken.objects.filter(application_id=instance.pk))
