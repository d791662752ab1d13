"""One account per email address, verified or not, whatever its case (see registration.py).

allauth's own constraint covers verified addresses only, so two accounts could hold one
unverified address, and two parallel verifications of it ended in an IntegrityError.
An index on LOWER(email) works alike on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_one_account_per_email"
            " ON account_emailaddress (LOWER(email))",
            "DROP INDEX accounts_one_account_per_email",
        ),
    ]
