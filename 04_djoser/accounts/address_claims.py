"""An address belongs to whoever reads the mail sent to it, not to whoever typed it first.

The attack (red team, finding 1): an attacker registers `evil` with `victim@...` and
never activates it. The victim's sign-up is refused, the address being taken; a reset
mails nothing, `evil` being inactive; a resend mails `evil`'s activation link. The
victim follows it, and the attacker logs in to an active account with the victim's
address, with the password the attacker chose.

So when a sign-up or an email change names an address that an account waiting for its
activation holds, that account's password is voided: whoever set it has not shown that
they read the mailbox, and a voided password makes activating the account useless to
them. The address is mailed which account holds it and how to take it over: activate it
with the link in that mail, then reset the password (a reset mails an account without
a usable password too, see `djoser_fixes.SendEmailResetSerializer`).

Anyone can void a pending account's password this way, its real owner's too; that
owner still reads the mail and recovers the account the same way. An active account is
left alone: its activation proved the mailbox.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from api.signals import PASSWORD_CHANGED, revoke_credentials

from . import links
from .emails import user_with_email
from .mail import AddressHeldEmail


def address_named(address, request=None):
    """A sign-up or an email change asked for `address`, which another account holds."""
    holder = user_with_email(address)
    if holder is None or not links.awaits_activation(holder):
        return
    if holder.has_usable_password():
        void_password(holder)
        holder.refresh_from_db(fields=["password"])
    AddressHeldEmail(request, {"user": holder}).send([holder.email])


def void_password(user):
    """Voids the password `user` was read with, unless a parallel request already did.

    Once only: the activation link in the mail hashes the password, so voiding it again
    would kill the link that the first of two parallel requests (or an earlier one)
    mailed. `UPDATE ... WHERE password = <the hash read>` changes it for one request.
    """
    with transaction.atomic():
        changed = (
            get_user_model()
            ._default_manager.filter(pk=user.pk, password=user.password)
            .update(password=make_password(None))
        )
        if changed:
            # `update()` sends no save signals: this is what api/signals.py would announce.
            revoke_credentials(user, PASSWORD_CHANGED)
