"""The chapter's session engine: Django's database sessions, remembered in the shared cache.

Both headless clients hold a Django session: the browser its cookie, the app its key as
the `X-Session-Token` (allauth loads it through `SESSION_ENGINE` too). With Redis a
session's row is remembered (`accounts.session_cache`), so a request costs no query for it;
every deletion of a row writes a tombstone first (`accounts.apps`).
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .session_cache import RememberedSessionStore


class SessionStore(RememberedSessionStore, DatabaseSessionStore):
    """Django's database store, its rows remembered with tombstones."""
