from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import jwt_revocation, jwt_schema  # noqa: F401 (registers the schema)

        # A password change, a deactivation, "log out everywhere": every JWT ends.
        jwt_revocation.connect()
