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
DEMO_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]
# The public client's pages, on each of its origins: /demo/ and Swagger UI's OAuth 2 pop-up.
CLIENT_PAGES = ("/demo/", "/api/docs/oauth2-redirect.html")


def demo_origins():
    """The origins the public client comes back to.

    On a laptop, the development server's. In production http redirect URIs are refused
    (ALLOWED_REDIRECT_URI_SCHEMES), so an http one would make every consent a 400: there
    the client comes back over HTTPS to each host this server answers for (ALLOWED_HOSTS;
    a wildcard names no origin).
    """
    if "http" in oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES:
        return DEMO_ORIGINS
    hosts = [host for host in settings.ALLOWED_HOSTS if not host.startswith((".", "*"))]
    return [f"https://{host}" for host in hosts]


def demo_redirect_uris(extra_origins=()):
    """The public client's redirect URIs, each page on each origin, compared exactly."""
    origins = dict.fromkeys([*demo_origins(), *extra_origins])
    return [origin + page for page in CLIENT_PAGES for origin in origins]


def demo_client_secret():
    """The confidential demo client's secret: this checkout's, from its secret key."""
    return salted_hmac("little-lemon-reports", "client-secret", algorithm="sha256").hexdigest()


def register_demo_clients(extra_origins=()):
    """Registers both clients unless they exist; answers the confidential one's secret.

    `extra_origins` (`http://127.0.0.1:8391`) add the public client's pages on another
    origin, also to a client registered before, as more exact strings.
    """
    Application = get_application_model()
    uris = demo_redirect_uris(extra_origins)
    public, created = Application.objects.get_or_create(
        client_id=PUBLIC_CLIENT_ID,
        defaults={
            "name": "Little Lemon demo (public client)",
            "client_type": Application.CLIENT_PUBLIC,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(uris),
            "algorithm": Application.RS256_ALGORITHM,
            "client_secret": "",
            "hash_client_secret": False,
        },
    )
    registered = public.redirect_uris.split()
    missing = [uri for uri in uris if uri not in registered]
    if missing:
        public.redirect_uris = " ".join(registered + missing)
        public.save(update_fields=["redirect_uris"])
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
