"""Django's `ModelBackend`, with the user a session names remembered in the shared cache.

Upstream's `get_user` is a query on every session request. Here it is answered from the
cache when it can (`accounts.user_cache`, whose receivers write a tombstone before a user is
saved or deleted). With the local-memory cache it is upstream's class.
"""

from django.contrib.auth import backends

from .user_cache import RememberedUserBackend


class ModelBackend(RememberedUserBackend, backends.ModelBackend):
    """Passwords checked as upstream does; `get_user` from the cache when it can."""
