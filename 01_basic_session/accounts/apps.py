from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import (
            revocation,  # noqa: F401  (ends sessions when credentials are revoked)
            schema,  # noqa: F401  (registers the OpenAPI security scheme)
        )
