"""`python manage.py load_demo_data`: the common demo data, plus two OAuth clients.

The clients are described in accounts/demo_clients.py. Their ids are printed, and the
confidential client's secret (development only). `accounts` is listed before `api` in
INSTALLED_APPS, so `manage.py load_demo_data` runs this one. Running it again changes
nothing.
"""

from django.db import transaction

from accounts.demo_clients import (
    CONFIDENTIAL_CLIENT_ID,
    DEMO_REDIRECT_URIS,
    PUBLIC_CLIENT_ID,
    register_demo_clients,
)
from api.management.commands import load_demo_data


class Command(load_demo_data.Command):
    help = "Loads the demo data and registers the demo OAuth clients. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        super().handle(*args, **options)
        secret = register_demo_clients()
        self.stdout.write("OAuth clients (development only):")
        self.stdout.write(f"  public        client_id={PUBLIC_CLIENT_ID}")
        self.stdout.write(f"                redirect_uris={' '.join(DEMO_REDIRECT_URIS)}")
        self.stdout.write(f"  confidential  client_id={CONFIDENTIAL_CLIENT_ID}")
        self.stdout.write(f"                client_secret={secret}")
