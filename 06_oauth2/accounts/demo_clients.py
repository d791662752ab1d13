"""The two OAuth clients of the demo, registered by `load_demo_data` (and the tests).

- `little-lemon-demo`, a public client: the /demo/ page and a command-line client (the
  README's curl walkthrough). It has no secret, so it must use PKCE.
- `little-lemon-reports`, a confidential client: a server that reads the menu with the
  client credentials grant, and may introspect tokens.

The confidential client's secret is no fixed string in the repository: it is derived
from this checkout's secret key, so every checkout has its own, and registering again
changes nothing.
"""

from django.contrib.auth.hashers import check_password
from django.utils.crypto import salted_hmac
from oauth2_provider.models import get_application_model

PUBLIC_CLIENT_ID = "little-lemon-demo"
CONFIDENTIAL_CLIENT_ID = "little-lemon-reports"
# Where the demo page and the walkthrough's client come back to: registered exactly.
DEMO_REDIRECT_URIS = ["http://127.0.0.1:8000/demo/", "http://localhost:8000/demo/"]


def demo_client_secret():
    """The confidential demo client's secret: this checkout's, from its secret key."""
    return salted_hmac("little-lemon-reports", "client-secret", algorithm="sha256").hexdigest()


def register_demo_clients():
    """Registers both clients unless they exist; answers the confidential one's secret."""
    Application = get_application_model()
    Application.objects.get_or_create(
        client_id=PUBLIC_CLIENT_ID,
        defaults={
            "name": "Little Lemon demo (public client)",
            "client_type": Application.CLIENT_PUBLIC,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(DEMO_REDIRECT_URIS),
            "algorithm": Application.RS256_ALGORITHM,
            "client_secret": "",
            "hash_client_secret": False,
        },
    )
    secret = demo_client_secret()
    reports, created = Application.objects.get_or_create(
        client_id=CONFIDENTIAL_CLIENT_ID,
        defaults={
            "name": "Little Lemon reports (confidential client)",
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_CLIENT_CREDENTIALS,
            "client_secret": secret,
        },
    )
    if not created and not check_password(secret, reports.client_secret):
        # The secret key changed since the client was registered.
        reports.client_secret = secret
        reports.save(update_fields=["client_secret"])
    return secret
