from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # schema and jwt_schema register the OpenAPI security scheme.
        from . import jwt_revocation, jwt_schema, schema  # noqa: F401

        # A password change, a reset, a deactivation, "log out everywhere": every JWT ends.
        jwt_revocation.connect()
