from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import (
            revocation,  # noqa: F401  (deletes the key when credentials are revoked)
            schema,  # noqa: F401  (describes the Token header in the OpenAPI schema)
            token_cache,  # noqa: F401  (tombstones over a remembered key before it changes)
        )
