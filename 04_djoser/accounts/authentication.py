"""DRF's `TokenAuthentication`, with the key's user remembered in the shared cache.

Upstream reads the key's row and its user on every request. Here that answer is kept
in the cache (`api.credential_cache`), so a key seen before costs no query; every way a
key dies writes a tombstone first (`accounts/token_cache.py`), so a logout is still
refused at once, on every worker. With the local-memory cache it is upstream's class.
"""

from rest_framework import authentication

from api import credential_cache

from .token_cache import key_entry


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`: the key's (user, token), from the cache when it can."""

    def authenticate_credentials(self, key):
        load = super().authenticate_credentials
        return credential_cache.recall([key_entry(key)], lambda: load(key))
