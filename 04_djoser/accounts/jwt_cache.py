"""Who an access token's user is, remembered in the shared cache, and what ends it.

`JWTAuthentication.get_user` (jwt_revocation.py) asks the database three things on each
request, in one query: the user, their generation, and whether the token's family was
revoked. That answer is remembered (`api.credential_cache`) under three keys:

- the entry itself, one per user and family (a login);
- the user's key: a new generation (`end_every_token`), a saved user (a password, a
  deactivation, any field a view reads; not a login's `last_login` stamp) and a deleted
  one write its tombstone;
- the family's key: a reused refresh token's revoked family (`revoke_family`) does.

Each tombstone is written before its change, so a request that read the database
before it cannot put the old answer back.

Before that, each worker remembers the access tokens it verified (`remembered_token`):
checking a signature and the claims costs about as much as the cache read, a client
sends the same token until it expires, and nothing but the clock can change whether the
same bytes verify. Revocation is not that check's business: `get_user` still asks.

Identical in 03, 04 and 05 (a test keeps the copies in step).
"""

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.utils import aware_utcnow

from api import credential_cache

REMEMBERED_TOKENS = 4096  # verified access tokens per worker: a few MB at most

# --- tokens verified, per worker ---------------------------------------------------------


@functools.cache
def upstream():
    """SimpleJWT's own check of a token (made once Django's apps are ready)."""
    return JWTStatelessUserAuthentication()


@functools.lru_cache(maxsize=REMEMBERED_TOKENS)
def verified(raw_token):
    """The signature, the type and the claims; raising, it remembers nothing."""
    return upstream().get_validated_token(raw_token)


def remembered_token(raw_token):
    """`raw_token` verified, once per worker, and refused once it expires."""
    token = verified(raw_token)  # bytes from a header, str from a cookie (05)
    try:
        token.check_exp(current_time=aware_utcnow())  # remembered, but never past `exp`
    except TokenError as error:
        raise InvalidToken(error.args[0]) from None
    return token


@receiver(setting_changed)
def forget_verified_tokens(setting, **kwargs):
    """A new signing key (in tests, `override_settings`) must not accept the old tokens."""
    if setting in ("SIMPLE_JWT", "SECRET_KEY"):
        verified.cache_clear()


# --- who the token's user is, in the shared cache ----------------------------------------


def user_key(user_id):
    """By the id field's own value, so the claims "7" and 7 (one user) share a key."""
    field = get_user_model()._meta.get_field(api_settings.USER_ID_FIELD)
    return credential_cache.key("jwt-user", str(field.to_python(user_id)))


def family_key(family):
    return credential_cache.key("jwt-family", family or "")


def login_keys(user_id, family):
    """The entry first, then the two keys that can end it."""
    user = user_key(user_id)
    entry = credential_cache.key("jwt-login", f"{user}\0{family or ''}")
    return [entry, user, family_key(family)]


def forget_user(user):
    credential_cache.forget([user_key(getattr(user, api_settings.USER_ID_FIELD))])


def forget_family(family):
    credential_cache.forget([family_key(family)])


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def forget_saved_user(sender, instance, update_fields=None, **kwargs):
    if credential_cache.changes_an_answer(instance, update_fields):
        forget_user(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def forget_deleted_user(sender, instance, **kwargs):
    forget_user(instance)
