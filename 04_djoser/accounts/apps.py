from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # schema and jwt_schema register the OpenAPI security scheme; emails, links,
        # token_keys and token_cache connect receivers (one account per email, single-use
        # links, keys that end with the user's JWTs, tombstones over remembered keys).
        from . import (  # noqa: F401
            emails,
            jwt_revocation,
            jwt_schema,
            links,
            schema,
            token_cache,
            token_keys,
        )

        # A password change, a reset, a deactivation, "log out everywhere": every JWT ends.
        jwt_revocation.connect()
