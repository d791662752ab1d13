"""Reading and forging JWTs by hand, with the standard library only.

Shared by the JWT strategy tests and the token-forgery attacks, and importable in
chapters without PyJWT.
"""

import base64
import hashlib
import hmac
import json


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(token, index):
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def claims(token):
    """The payload, read without checking the signature: anyone holding a JWT can."""
    return segment(token, 1)


def forge(header, payload, key=None, digest=hashlib.sha256):
    """Builds a JWT by hand; with no key the signature is left empty."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    signature = b""
    if key is not None:
        signature = hmac.new(key.encode(), signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(signature)}"
