"""The RSA key that signs OpenID Connect id_tokens: from the environment, or this checkout's.

Whoever holds the key can sign an id_token that every client of this server believes, so
no key is written in the repository. `OIDC_RSA_PRIVATE_KEY` (a PEM, newlines as `\\n` are
fine) is what a deployment sets; without it the first process that needs a key makes one
and keeps it next to `manage.py` in `.oidc_rsa_key.pem`, which git ignores. Workers that
start together all read the one that won, as with `api/secret_key.py`.
"""

import contextlib
import os
import secrets

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured

ENVIRONMENT_VARIABLE = "OIDC_RSA_PRIVATE_KEY"
FILE_NAME = ".oidc_rsa_key.pem"
KEY_SIZE = 2048


def oidc_private_key(folder):
    """The PEM text of the signing key, refusing one that is not an RSA private key."""
    pem = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().replace("\\n", "\n")
    source = ENVIRONMENT_VARIABLE
    if not pem:
        path = folder / FILE_NAME
        if not path.exists():
            _create(path)
        pem = path.read_text(encoding="ascii")
        source = str(path)
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError):
        key = None
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_SIZE:
        raise ImproperlyConfigured(
            f"{source} holds no usable RSA private key ({KEY_SIZE} bits or more, PEM, no "
            f"password): make one with `openssl genrsa {KEY_SIZE}`, or unset "
            f"{ENVIRONMENT_VARIABLE} (or delete {FILE_NAME}) to have one made."
        )
    return pem


def _create(path):
    """Writes a new key to a private temporary file, then links it into place (once)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        # If another process won the race, its key is the one.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"No {ENVIRONMENT_VARIABLE} is set, and {path} cannot be written ({error}): "
            f"set {ENVIRONMENT_VARIABLE} to an RSA private key in PEM."
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
