"""This checkout's own secret key, for when `DJANGO_SECRET_KEY` is not set.

A key written in the repository would be every clone's key: anyone who read it could
sign a session, a password-reset link or a JWT that every student's server accepts.
So no key is written anywhere. The first process that needs one makes a random key and
keeps it in a file next to `manage.py` that git ignores; every later process, and every
gunicorn worker starting at the same moment, reads that same file.
"""

import contextlib
import os
import secrets

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

FILE_NAME = ".django_secret_key"


def local_secret_key(folder):
    """The key kept in `folder`, made (atomically, mode 0600) if there is none yet."""
    path = folder / FILE_NAME
    if not path.exists():
        _create(path)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"{path} holds no usable secret key (50 characters or more): delete the file "
            "to have a new one made, or set DJANGO_SECRET_KEY."
        )
    return key


def _create(path):
    """Writes a new key to a private temporary file, then links it into place.

    `os.link` fails if the file appeared meanwhile, so when several workers race, exactly
    one key wins and every worker reads that one; none ever sees a half-written file.
    """
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(get_random_secret_key() + "\n")
            file.flush()
            os.fsync(file.fileno())
        # If another process won the race, its key is the one.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"No DJANGO_SECRET_KEY is set, and {path} cannot be written ({error}): "
            "set DJANGO_SECRET_KEY to a long random string."
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
