"""allauth's backend, with the user a session names remembered in the shared cache.

Upstream's `get_user` (Django's `ModelBackend`'s) is a query on every session request,
cookie or token. Here it is answered from the cache when it can (`accounts.user_cache`, whose
receivers write a tombstone before a user is saved or deleted). With the local-memory
cache it is upstream's class.
"""

from allauth.account import auth_backends

from .user_cache import RememberedUserBackend


class AuthenticationBackend(RememberedUserBackend, auth_backends.AuthenticationBackend):
    """Logs in by username or email as upstream does; `get_user` from the cache when it can."""
