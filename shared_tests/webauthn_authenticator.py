"""A software passkey: a P-256 key pair that answers WebAuthn ceremonies as a browser would.

A real passkey lives in a phone or a security key, and the browser adds what only it
knows: the page's origin. Here one object plays both. `register(options)` answers the
server's creation options (the `navigator.credentials.create()` result, as JSON), and
`get_assertion(options)` its request options (`navigator.credentials.get()`), signed with the
private key over the authenticator data and the hash of the client data, as the
WebAuthn specification lays out (sections 6.1 and 6.3.3).

The parts a test may bend are explicit, so each attack is one argument: `origin` (the
page the browser says asked), `rp_id` (whose hash the authenticator signs), `counter`
(its signature count, which a cloned key cannot keep in step), `user_verified`.
CBOR and base64url come from fido2 (allauth's own dependency); the signing from
`cryptography`.
"""

import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2 import cbor
from fido2.utils import websafe_decode, websafe_encode

# Authenticator data flags (WebAuthn section 6.1).
USER_PRESENT = 0x01
USER_VERIFIED = 0x04
ATTESTED_CREDENTIAL = 0x40
# COSE: EC2 key type, ES256 algorithm, curve P-256 (RFC 9053).
COSE_EC2, COSE_ES256, COSE_P256 = 2, -7, 1


class SoftwareAuthenticator:
    """One credential, for one origin; `counter` goes up by one with every assertion."""

    def __init__(self, origin="https://testserver", rp_id="testserver"):
        self.origin = origin
        self.rp_id = rp_id
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.user_handle = None
        self.counter = 0

    # --- navigator.credentials.create() -------------------------------------------------

    def register(self, creation_options, *, resident=True):
        """The registration response for `creation_options` (`data.creation_options` of
        allauth's answer), as the JSON a page posts back."""
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])
        client_data = self.client_data("webauthn.create", options["challenge"])
        flags = USER_PRESENT | USER_VERIFIED | ATTESTED_CREDENTIAL
        auth_data = self.authenticator_data(options["rp"]["id"], flags, self.counter)
        auth_data += bytes(16)  # AAGUID: none, as with "none" attestation
        auth_data += struct.pack(">H", len(self.credential_id)) + self.credential_id
        auth_data += cbor.encode(self.cose_public_key())
        attestation = cbor.encode({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            **self.credential_fields(),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
                "transports": ["internal"],
            },
            # A passkey (a resident, discoverable credential) says so here.
            "clientExtensionResults": {"credProps": {"rk": resident}},
        }

    # --- navigator.credentials.get() ------------------------------------------------------

    def get_assertion(
        self, request_options, *, origin=None, rp_id=None, counter=None, verified=True
    ):
        """The assertion for `request_options` (`data.request_options`), signed.

        `origin`, `rp_id` and `counter` override what an honest browser and authenticator
        would send, for attacks; without `counter` the count goes up by one.
        """
        options = request_options["publicKey"]
        if counter is None:
            self.counter += 1
            counter = self.counter
        client_data = self.client_data("webauthn.get", options["challenge"], origin)
        flags = USER_PRESENT | (USER_VERIFIED if verified else 0)
        auth_data = self.authenticator_data(
            rp_id or options.get("rpId") or self.rp_id, flags, counter
        )
        signature = self.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            **self.credential_fields(),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": websafe_encode(self.user_handle),
            },
            "clientExtensionResults": {},
        }

    # --- the pieces -----------------------------------------------------------------------

    def client_data(self, kind, challenge, origin=None):
        """What the browser signs along: the ceremony, the server's challenge, the origin."""
        data = {"type": kind, "challenge": challenge, "origin": origin or self.origin}
        return json.dumps({**data, "crossOrigin": False}).encode()

    @staticmethod
    def authenticator_data(rp_id, flags, counter):
        return (
            hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", counter)
        )

    def cose_public_key(self):
        numbers = self.private_key.public_key().public_numbers()
        return {
            1: COSE_EC2,
            3: COSE_ES256,
            -1: COSE_P256,
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }

    def credential_fields(self):
        encoded = websafe_encode(self.credential_id)
        return {
            "id": encoded,
            "rawId": encoded,
            "type": "public-key",
            "authenticatorAttachment": "platform",
        }
