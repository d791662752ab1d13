"""Over HTTP, the server's database is the test database (a plugin that http_mode.py
registers only then).

pytest-django would make a database of its own, and wrap each test in a transaction the
server cannot see into. Here every test writes to the database `DATABASE_URL` names, in
autocommit, so the server sees what a fixture created at once. After each test the
tables are emptied again, except those that migrating filled (content types,
permissions, the site), which keep their ids: a running server has them cached.

Emptying a database is safe only for a test database, so its name must say it is one.
"""

from pathlib import PurePath

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# The tables migrating filled; the rest is emptied after every test.
_reference_tables = set()


def ensure_test_database():
    """Fails the run unless the database's name (a SQLite file's) starts with `test`."""
    name = PurePath(str(connection.settings_dict["NAME"])).name
    if not name.startswith("test"):
        pytest.exit(
            f"--base-url empties the database after every test, and {name!r} is not named "
            "as a test database. Point DATABASE_URL (here and on the server) at one whose "
            "name starts with `test`, e.g. sqlite:///test_http.sqlite3",
            returncode=4,
        )


def tables_with_rows():
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        quoted = {table: connection.ops.quote_name(table) for table in tables}
        found = set()
        for table, name in quoted.items():
            cursor.execute(f"SELECT 1 FROM {name} LIMIT 1")  # names from Django itself
            if cursor.fetchone():
                found.add(table)
        return found


def empty_test_tables():
    """Deletes what tests wrote: every table but those migrating filled.

    On PostgreSQL with `DELETE` in one transaction, not Django's `TRUNCATE`, which makes
    every table's files anew: some 40 ms a test with allauth's two dozen tables, against
    about 1 ms. Django's foreign keys there are deferred, so the order does not matter.
    """
    tables = sorted(tables_with_rows() - _reference_tables)
    if not tables:
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        return
    flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    connection.ops.execute_sql_flush(flush)


def create_if_missing():
    """Creates a PostgreSQL database that is not there yet (a SQLite file makes itself)."""
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:  # Django's own way in before the database
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """Migrates the shared database, empties it of what an interrupted run left, and
    remembers which tables hold reference data."""
    ensure_test_database()
    with django_db_blocker.unblock():
        create_if_missing()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)  # then refills the defaults
        _reference_tables.update(tables_with_rows())


@pytest.fixture
def _django_db_helper(django_db_setup, django_db_blocker):
    """Replaces pytest-django's (4.14) per-test transaction: committed writes, and empty
    tables afterwards. `db`, `transactional_db` and `django_db` all come through here."""
    with django_db_blocker.unblock():
        yield
        empty_test_tables()
