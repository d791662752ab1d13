"""The chapter's own settings with the suite's fast password hasher, for gunicorn.

Fifty logins, or a thousand Basic requests, at PBKDF2's ~250 ms each take minutes on
two cores, and the hasher is not what the production tests are about. The test process
hashes with MD5 too (shared_tests/conftest.py), so the users it creates can log in.
"""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
