from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import (
            revocation,
            schema,  # noqa: F401  (describes the Bearer header in the OpenAPI schema)
            token_cache,  # noqa: F401  (tombstones over a remembered token before it changes)
        )

        # A password change, a deactivation, "log out everywhere": every token ends.
        revocation.connect()
