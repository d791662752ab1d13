from django.apps import AppConfig
from django.db.models.signals import pre_delete


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # revocation: a password change, a reset, a deactivation end every session and app
        # token. schema: the OpenAPI scheme of X-Session-Token. webauthn_sign_count:
        # allauth 65.22.1 never compares a passkey's signature counter (a cloned key).
        # webauthn_origin: a passkey counts only from this site's exact origin.
        # user_cache: a tombstone over a remembered user before it is saved or deleted.
        from django.contrib.sessions.models import Session

        from . import (  # noqa: F401
            revocation,
            schema,
            user_cache,
            webauthn_origin,
            webauthn_sign_count,
        )
        from .session_cache import forget_deleted_session

        # A tombstone before any session row is deleted, one by one or by a queryset.
        pre_delete.connect(forget_deleted_session, sender=Session, dispatch_uid="sessions")
        webauthn_origin.install()
        webauthn_sign_count.install()
