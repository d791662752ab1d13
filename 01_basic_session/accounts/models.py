"""Sessions that remember whose they are, so that one user's sessions can be ended."""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    """Django's session row, plus the user it is logged in as (None before a login).

    Django's own table keeps the user's id only inside the encoded session data, so
    finding one user's sessions would mean decoding every session there is. This column
    is the index that a password change, a deactivation and "log out everywhere" use to
    delete them all in one query. The session store writes it whenever it saves the
    session (`accounts.sessions`), so it follows every login, key rotation and logout.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.CASCADE,  # deleting a user deletes their sessions
        # No constraint in the database: a session saved while its user is being deleted
        # must not fail the request. The row is then simply a session of nobody.
        db_constraint=False,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_user_session"

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
