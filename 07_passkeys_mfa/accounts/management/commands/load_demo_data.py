"""`python manage.py load_demo_data`: the common demo data, plus verified email addresses.

allauth refuses to log in a user whose email address is not verified. The demo users
are made by `api`, which knows nothing about allauth, so this command runs `api`'s and
then records each demo user's address as verified. `accounts` is listed before `api` in
INSTALLED_APPS, so `manage.py load_demo_data` runs this one. Running it again changes
nothing.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from api.management.commands import load_demo_data


class Command(load_demo_data.Command):
    help = "Loads the demo data and verifies the demo users' email addresses. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        super().handle(*args, **options)
        usernames = [spec["username"] for spec in load_demo_data.DEMO_USERS]
        for user in get_user_model().objects.filter(username__in=usernames):
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        self.stdout.write("Their email addresses are verified, so they can log in.")
