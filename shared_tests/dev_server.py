"""The chapter under `runserver` (threaded) on a file copy of the test database.

The dev server answers each request in its own thread with its own connection, as the
red team's runserver did. The test database (SQLite in memory) is copied to a file the
server opens, so the users a test made are there, and parallel requests race for real.
The server is forked from the suite's fork server (shared_tests/processes.py), where
Django is imported already: it starts as fresh as `python manage.py runserver` would.
"""

import os
import sqlite3
from pathlib import Path

from django.db import connection

from .processes import start_in_chapter
from .servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
BOOT_TIMEOUT = 30
CLEARED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "THROTTLE_")
# The test process hashes passwords with MD5; so must the server, for the test's users.
FAST_HASHER = {
    "DJANGO_SETTINGS_MODULE": "shared_tests.production.fast_hasher_settings",
    "PYTHONPATH": str(ROOT),
}
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


def serve_database_copy(folder, ports):
    """Starts the server on a copy of the test database; answers (its URL, the process).

    The caller stops the process (`servers.stop`). Needs a transactional test, so that
    what the test created is committed, hence copied.
    """
    database = folder / "copy.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    port = free_port(ports)
    env = {name: value for name, value in os.environ.items() if not name.startswith(CLEARED)}
    env |= {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    env |= FAST_HASHER | GENEROUS
    command = ["manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
    log_path = folder / "runserver.log"
    process = start_in_chapter(command, env, log_path)
    wait_for_port(process, log_path, port, BOOT_TIMEOUT)
    return f"http://127.0.0.1:{port}", process
