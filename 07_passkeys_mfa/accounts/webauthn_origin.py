"""Hardening: a passkey counts only when the browser made it on this site's own origin.

The browser writes the page's origin into what the authenticator signs, and the server
must compare it with its own: that comparison is what makes a passkey phishing-resistant.
allauth 65.22.1 builds fido2's `Fido2Server` with fido2's default check
(`fido2.rpid.verify_rp_id`), which accepts any origin whose host is the RP ID or a
subdomain of it, on any port. So a look-alike page on another port of the same host, or
on a forgotten subdomain, could relay a user's assertion and log in as them. The WebAuthn
specification (section 13.4.9, "Validating the origin of a credential") leaves the method
to the relying party; this chapter asks for an exact match with the host (and port) the
request came to, on top of fido2's own check, which keeps refusing plain http anywhere but
localhost.
"""

from urllib.parse import urlsplit

from allauth.core import context
from allauth.mfa.adapter import get_adapter
from allauth.mfa.webauthn.internal import auth
from fido2.rpid import verify_rp_id
from fido2.server import Fido2Server
from fido2.webauthn import PublicKeyCredentialRpEntity


def install():
    """Idempotent: replaces allauth's `get_server`, which every ceremony calls."""
    auth.get_server = get_server


def get_server():
    """allauth's server (the RP from its adapter), with the exact origin check.

    allauth's own also honours MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN, which stays off here.
    """
    rp = PublicKeyCredentialRpEntity(**get_adapter().get_public_key_credential_rp_entity())
    own_host = context.request.get_host()  # validated against ALLOWED_HOSTS

    def verify_origin(origin):
        return urlsplit(origin).netloc == own_host and verify_rp_id(rp.id, origin)

    return Fido2Server(rp, verify_origin=verify_origin)
