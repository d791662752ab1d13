from django.apps import AppConfig
from django.db.models.signals import pre_delete


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import (
            revocation,  # noqa: F401  (ends sessions when credentials are revoked)
            schema,  # noqa: F401  (registers the OpenAPI security scheme)
            user_cache,  # noqa: F401  (tombstones before a user changes)
        )
        from .models import UserSession
        from .session_cache import forget_deleted_session

        # A tombstone before any session row is deleted, one by one or by a queryset.
        pre_delete.connect(forget_deleted_session, sender=UserSession, dispatch_uid="sessions")
