"""One account per username, whatever its case, also when two sign-ups race.

allauth checks that no user has the username in any case (`username__iexact`) before it
creates one, but the check and the INSERT are two steps: 24 parallel sign-ups as
`carol`, `CAROL`, `Carol` made several accounts, and then allauth's login by username
found none of them (it wants exactly one match). This index makes the database decide;
registration.py turns the loser's IntegrityError into the usual "username taken" 400.

LOWER() folds what the database folds: SQLite only A-Z, PostgreSQL every letter that has
a case. allauth's own check (`iexact`) folds the same way on each of them, so the index
and the check agree: on SQLite `ÄLICE` and `älice` are two usernames, on PostgreSQL one.
Django's username validator allows letters, digits and `@.+-_`.
"""

from django.db import migrations
from django.db.models.functions import Lower


def refuse_case_duplicates(apps, schema_editor):
    """A database made before this rule may hold `carol` and `Carol`: say so, change nothing."""
    User = apps.get_model("auth", "User")
    seen, clashes = set(), []
    for username in User.objects.annotate(folded=Lower("username")).values_list(
        "folded", flat=True
    ):
        if username in seen:
            clashes.append(username)
        seen.add(username)
    if clashes:
        raise RuntimeError(
            "These usernames exist in more than one case; rename or delete all but one"
            f" of each, then migrate again: {sorted(set(clashes))}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_one_account_per_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(refuse_case_duplicates, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_one_account_per_username ON auth_user (LOWER(username))",
            "DROP INDEX accounts_one_account_per_username",
        ),
    ]
