import warnings

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # A password change, a reset, a deactivation, "log out everywhere": every JWT ends.
        from . import dj_rest_auth_jwt_schema, jwt_revocation  # noqa: F401 (schemes)

        jwt_revocation.connect()

        # dj-rest-auth 7.2 still reads allauth's deprecated AUTHENTICATION_METHOD when it
        # writes a password reset email, even with ACCOUNT_LOGIN_METHODS set (an open
        # dj-rest-auth pull request, #756, fixes it). The warning says nothing about this
        # project's settings, so it is silenced here, for that one module only.
        warnings.filterwarnings(
            "ignore",
            message=r"app_settings\.AUTHENTICATION_METHOD is deprecated",
            category=UserWarning,
            module=r"dj_rest_auth\.forms",
        )
