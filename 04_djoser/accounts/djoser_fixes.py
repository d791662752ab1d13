"""Workarounds for Djoser 2.3.5 serializers that crash or let a link do too much.

Nothing here is a choice of this course: each class closes one gap in the library and
names it, so it can be deleted when upstream fixes it. The chapter's own rules (the
registration fields, a unique email, the clearer "not active" answers) live in
`serializers.py`. `config/settings.py` names these in `DJOSER["SERIALIZERS"]`.
"""

from djoser import serializers as djoser_serializers
from rest_framework.exceptions import PermissionDenied

from . import links
from .emails import user_with_email


class SendEmailResetSerializer(djoser_serializers.SendEmailResetSerializer):
    """Reset and resend-activation find the email in any case (djoser#433, open).

    Djoser looks the address up with an exact, case-sensitive `.get()`, which misses
    `Alice@Example.com`. Resend-activation mails only an account that is waiting for its
    link: one that staff deactivated must not be able to switch itself back on. Either
    way the answer stays the same 204, so nothing is revealed.

    Unlike Djoser (and Django's reset form), an account without a usable password gets
    its mail too. Django skips those because they log in some other way (LDAP, a social
    login); here nothing else logs in, and the password of an account squatting someone's
    address was voided so that the reader of that mailbox can set one
    (accounts/address_claims.py).
    """

    def get_user(self, is_active=True):
        user = user_with_email(self.data.get(self.email_field))
        if user is None or user.is_active != is_active:
            return None
        if not is_active and not links.awaits_activation(user):
            return None
        return user


class ValidatedUidAndTokenMixin:
    """`{"uid": 0}` is a 400, not a 500 (Djoser reads `initial_data`; no upstream issue found).

    Djoser reads `uid` and `token` from `initial_data`, the request body as it came. A
    number there passes the `CharField` (which turns it into a string), and then reaches
    `urlsafe_base64_decode` or the token generator as an int: a 500. Here the check sees
    what the fields validated, so `{"uid": 0}` is the usual 400 "Invalid user id".
    """

    def validate(self, attrs):
        self.initial_data = {**self.initial_data, "uid": attrs["uid"], "token": attrs["token"]}
        return super().validate(attrs)


class ActivationSerializer(ValidatedUidAndTokenMixin, djoser_serializers.ActivationSerializer):
    """A link cannot switch on an account staff deactivated (djoser#258 checks `is_active` only).

    Djoser's token says nothing of `is_active`, so its link would switch an account
    that staff deactivated back on. A link is good only while the account awaits it.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not links.awaits_activation(self.user):
            raise PermissionDenied(self.error_messages["stale_token"])
        return attrs


class PasswordResetConfirmSerializer(
    ValidatedUidAndTokenMixin, djoser_serializers.PasswordResetConfirmSerializer
):
    """Reset confirmation with the validated `uid` and `token` (see ValidatedUidAndTokenMixin)."""
