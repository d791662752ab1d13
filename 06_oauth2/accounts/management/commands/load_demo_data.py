"""`python manage.py load_demo_data`: the common demo data, plus two OAuth clients.

The clients are described in accounts/demo_clients.py. Their ids are printed, and the
confidential client's secret (development only). `accounts` is listed before `api` in
INSTALLED_APPS, so `manage.py load_demo_data` runs this one. Running it again changes
nothing.

The public client is two pages of this server: /demo/ and Swagger UI's OAuth 2 pop-up
(/api/docs/oauth2-redirect.html); each origin the client is registered for gets both.
`--origin http://127.0.0.1:8391` registers one more origin, for a server started on
another port than 8000 (the browser tests' live server picks a free one). Redirect
URIs are compared exactly, port included, and loopback ports are not special-cased (no
RFC 8252 "any port" rule): so the origin a server is started on is registered, as more
exact strings, rather than loosening the comparison for every client.
"""

from urllib.parse import urlsplit

from django.core.management.base import CommandError
from django.db import transaction
from oauth2_provider.models import get_application_model

from accounts.demo_clients import (
    CONFIDENTIAL_CLIENT_ID,
    PUBLIC_CLIENT_ID,
    register_demo_clients,
)
from api.management.commands import load_demo_data


def checked_origin(origin):
    """`http://127.0.0.1:8391` as given; a URL with more (a path, a query) or less (no
    host) is refused."""
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(f"--origin {origin!r}: expected http(s)://host[:port]")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise CommandError(f"--origin {origin!r}: an origin has no path, query or fragment")
    return f"{parts.scheme}://{parts.netloc}"


class Command(load_demo_data.Command):
    help = "Loads the demo data and registers the demo OAuth clients. Safe to run twice."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--origin",
            action="append",
            default=[],
            help="also register <origin>/demo/ as the demo client's redirect URI "
            "(a server on another port); may be repeated",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        extra = [checked_origin(origin) for origin in options["origin"]]
        super().handle(*args, **options)
        secret = register_demo_clients(extra)
        public = get_application_model().objects.get(client_id=PUBLIC_CLIENT_ID)
        self.stdout.write("OAuth clients (development only):")
        self.stdout.write(f"  public        client_id={PUBLIC_CLIENT_ID}")
        self.stdout.write(f"                redirect_uris={public.redirect_uris}")
        self.stdout.write(f"  confidential  client_id={CONFIDENTIAL_CLIENT_ID}")
        self.stdout.write(f"                client_secret={secret}")
