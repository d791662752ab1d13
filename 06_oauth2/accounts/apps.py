from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import revocation, schema  # noqa: F401 (registers the schema extension)

        # A password change, a deactivation, "log out everywhere": every token ends.
        revocation.connect()
