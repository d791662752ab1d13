from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # schema and jwt_schema register the OpenAPI security scheme; emails, links and
        # token_keys connect receivers (one account per email, single-use links, keys
        # that end with the user's JWTs).
        from . import emails, jwt_revocation, jwt_schema, links, schema, token_keys  # noqa: F401

        # A password change, a reset, a deactivation, "log out everywhere": every JWT ends.
        jwt_revocation.connect()
