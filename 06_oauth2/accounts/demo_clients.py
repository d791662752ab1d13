"""The two OAuth clients of the demo, registered by `load_demo_data` (and the tests).

- `little-lemon-demo`, a public client: the /demo/ page and a command-line client (the
  README's curl walkthrough). It has no secret, so it must use PKCE.
- `little-lemon-reports`, a confidential client: a server that reads the menu with the
  client credentials grant, and may introspect tokens.

The confidential client's secret is no fixed string in the repository: it is derived
from this checkout's secret key, so every checkout has its own, and registering again
changes nothing.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import salted_hmac
from oauth2_provider.models import get_application_model
from oauth2_provider.settings import oauth2_settings

PUBLIC_CLIENT_ID = "little-lemon-demo"
CONFIDENTIAL_CLIENT_ID = "little-lemon-reports"
# Where the demo page and the walkthrough's client come back to on a laptop, over http.
DEMO_REDIRECT_URIS = ["http://127.0.0.1:8000/demo/", "http://localhost:8000/demo/"]


def demo_redirect_uris():
    """The public client's redirect URIs, registered exactly.

    On a laptop, the development server's. In production http redirect URIs are refused
    (ALLOWED_REDIRECT_URI_SCHEMES), so an http one would make every consent a 400: there
    the client comes back to /demo/ over HTTPS on each host this server answers for
    (ALLOWED_HOSTS; a wildcard names no URI).
    """
    if "http" in oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES:
        return DEMO_REDIRECT_URIS
    hosts = [host for host in settings.ALLOWED_HOSTS if not host.startswith((".", "*"))]
    return [f"https://{host}/demo/" for host in hosts]


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
            "redirect_uris": " ".join(demo_redirect_uris()),
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
