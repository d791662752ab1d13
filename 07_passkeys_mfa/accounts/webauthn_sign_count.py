"""Workaround: refuse a passkey assertion whose signature counter did not go up.

An authenticator counts its signatures and puts the count in every assertion. A copy of
its key (a cloned authenticator) counts on its own, so sooner or later one of the two
sends a count no higher than the last one seen. The WebAuthn specification (section
6.1.1, "Signature Counter Considerations") asks the relying party to keep the last count
and compare: "If either is non-zero, and the new signCount value is less than or equal
to the stored value, a cloned authenticator may exist".

fido2 2.2.1 checks the signature but leaves the counter to its caller (upstream issue
Yubico/python-fido2#261), and allauth 65.22.1 neither stores nor compares it. This
module wraps allauth's `complete_authentication`, which every passkey check goes through
(passkey login, second factor, reauthentication), and keeps the count in the
authenticator's own `data`. Authenticators that do not count (synced passkeys send 0
every time) pass, as the specification says.
"""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.internal import auth
from django.db import transaction
from fido2.webauthn import AuthenticationResponse

KEY = "sign_count"


def install():
    """Idempotent: wraps allauth's function once."""
    if not getattr(auth.complete_authentication, "checks_sign_count", False):
        auth.complete_authentication = checking_sign_count(auth.complete_authentication)


def checking_sign_count(complete_authentication):
    def complete(user, response):
        authenticator = complete_authentication(user, response)
        count = AuthenticationResponse.from_dict(response).response.authenticator_data.counter
        with transaction.atomic():
            # Locked, so two parallel assertions with one count cannot both pass.
            stored = Authenticator.objects.select_for_update().get(pk=authenticator.pk)
            last = stored.data.get(KEY, 0)
            if (count or last) and count <= last:
                raise get_adapter().validation_error("incorrect_code")
            stored.data[KEY] = count
            stored.save(update_fields=["data"])
        return stored

    complete.checks_sign_count = True
    return complete
