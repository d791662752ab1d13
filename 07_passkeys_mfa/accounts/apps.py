from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # revocation: a password change, a reset, a deactivation end every session and app
        # token. schema: the OpenAPI scheme of X-Session-Token. webauthn_sign_count:
        # allauth 65.22.1 never compares a passkey's signature counter (a cloned key).
        # webauthn_origin: a passkey counts only from this site's exact origin.
        from . import revocation, schema, webauthn_origin, webauthn_sign_count  # noqa: F401

        webauthn_origin.install()
        webauthn_sign_count.install()
