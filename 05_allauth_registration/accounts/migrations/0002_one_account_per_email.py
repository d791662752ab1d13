"""One account per email address, verified or not, whatever its case (see registration.py).

allauth's own constraint covers verified addresses only, so two accounts could hold one
unverified address, and two parallel verifications of it ended in an IntegrityError.
An index on LOWER(email) works alike on SQLite and PostgreSQL. A database made before
this rule may hold such duplicates: the unverified ones are dropped first, keeping the
verified address, or else the oldest (their accounts can still log in by username).
"""

from django.db import migrations


def drop_duplicate_addresses(apps, schema_editor):
    EmailAddress = apps.get_model("account", "EmailAddress")
    kept = set()
    for address in EmailAddress.objects.order_by("-verified", "pk"):
        email = address.email.lower()
        if email in kept:
            address.delete()  # never a verified one: verified addresses were unique already
        kept.add(email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(drop_duplicate_addresses, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_one_account_per_email"
            " ON account_emailaddress (LOWER(email))",
            "DROP INDEX accounts_one_account_per_email",
        ),
    ]
