"""The chapter's session engine: Django's database sessions, kept in `UserSession`.

Django documents this way of extending its database sessions ("Extending
database-backed session engines"): the store names its model and fills the extra
column from the session data each time it saves a session. Loading a session is one
query by its key, or none: with Redis its row is remembered in the shared cache
(`accounts.session_cache`), and every deletion of a row writes a tombstone first
(`accounts.apps`).
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .session_cache import RememberedSessionStore


class SessionStore(RememberedSessionStore, DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = data.get(SESSION_KEY)  # set by `login()`, gone after `logout()`
        return session
