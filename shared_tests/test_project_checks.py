"""The chapter's project is sound before any request is made.

These ran as two `manage.py` commands before pytest; in-process they cost no extra
interpreter start, and a failure names the check.
"""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.in_process("sends no request: it runs Django's checks in this process")


def test_system_checks_report_nothing():
    """Warnings count too: a chapter ships with none."""
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_migrations_match_the_models():
    """`makemigrations --check` exits non-zero when a model change has no migration."""
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
