"""One account per email address, whatever its case, enforced by the database.

Password reset finds the account by its email, so two accounts sharing one would make
the address ambiguous, and a second account on someone else's address could take their
reset mails. A check before the insert is not enough: twelve registrations arriving
together all pass it before any of them is written. So every saved user keeps a row in
`UniqueEmail` whose `key` column has a unique index, and the database refuses the second
row in the same transaction that writes the user.

The key is computed here rather than by the database, because SQLite's `lower()` folds
ASCII only (`EXÄMPLE` stays `EXÄMPLE`) while PostgreSQL's follows its collation: an
expression index would not mean the same on both.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .models import UniqueEmail

EMAIL_TAKEN = _("A user with that email already exists.")


class EmailTaken(IntegrityError):
    """A user was saved with an email another account already has."""


def email_key(address):
    """The form every spelling of `address` shares: "" for no address.

    The part before the `@` is folded with Unicode's caseless matching (NFKC, then
    casefold, as Python's `str.casefold` documents), so `Straße` and `STRASSE` meet. The
    domain is put in its IDNA form, so `exämple.com`, `EXÄMPLE.com` and
    `xn--exmple-cua.com` are one domain.
    """
    address = unicodedata.normalize("NFKC", (address or "").strip())
    if not address:
        return ""
    local, _at, domain = address.rpartition("@")
    local = unicodedata.normalize("NFKC", local.casefold())
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:  # not a valid domain name; the email validator says so elsewhere
        domain = unicodedata.normalize("NFKC", domain.casefold())
    return f"{local}@{domain}" if _at else domain


def lookup_key(address):
    """The key to look `address` up by, or "" when no account can have it.

    PostgreSQL cannot store or compare text holding a NUL: such a query is a 500 there.
    DRF's fields refuse the NUL themselves, but they run every validator anyway, so the
    uniqueness check must not ask the database.
    """
    return "" if "\x00" in (address or "") else email_key(address)


def email_taken(address, user=None):
    """True when an account other than `user` has `address`, in any spelling."""
    key = lookup_key(address)
    if not key:
        return False
    others = UniqueEmail.objects.filter(key=key)
    if user is not None and user.pk is not None:
        others = others.exclude(user_id=user.pk)
    return others.exists()


def user_with_email(address):
    """The user whose email is `address` in any spelling, or None."""
    key = lookup_key(address)
    if not key:
        return None
    return get_user_model()._default_manager.filter(unique_email__key=key).first()


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _refuse_a_taken_email(sender, instance, update_fields=None, raw=False, **kwargs):
    """Stops the save before the user row is written, for callers that are not inside a
    transaction (`createsuperuser`), so no account is left without its key."""
    if raw or (update_fields is not None and "email" not in update_fields):
        return
    if email_taken(instance.email, instance):
        raise EmailTaken(EMAIL_TAKEN)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _keep_the_key(sender, instance, created, update_fields=None, raw=False, **kwargs):
    """Writes the user's key; its unique index refuses a duplicate that raced the check."""
    if raw or (update_fields is not None and "email" not in update_fields):
        return
    key = email_key(instance.email)
    if not key:
        UniqueEmail.objects.filter(user_id=instance.pk).delete()
    elif created:
        UniqueEmail.objects.create(user_id=instance.pk, key=key)
    else:
        UniqueEmail.objects.update_or_create(user_id=instance.pk, defaults={"key": key})
