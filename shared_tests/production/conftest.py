"""Gunicorn in front of the chapter, for tests that need real worker processes.

These tests start servers, take seconds and need PostgreSQL and Redis, so the default
suite never collects them: only `nox -s workers` sets PRODUCTION_TESTS=1.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from shared_tests.processes import start_in_chapter
from shared_tests.servers import free_port, stop, wait_for_log

from .gunicorn_hooks import READY

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

ENABLED = os.environ.get("PRODUCTION_TESTS") == "1"
collect_ignore_glob = [] if ENABLED else ["test_*.py"]

PORTS = range(8200, 8300)  # this suite's share of the loopback ports
BOOT_TIMEOUT = 60  # seconds for every worker to load Django on a busy two-core machine
# Configuration a server must not inherit from the test's environment unless asked.
INHERITED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "THROTTLE_")

# Gunicorn with the suite's fast password hasher (see fast_hasher_settings.py).
FAST_HASHER = {
    "DJANGO_SETTINGS_MODULE": "shared_tests.production.fast_hasher_settings",
    "PYTHONPATH": str(ROOT),
}


def pytest_report_header(config):
    """Shown when this folder is run on its own, where an empty run needs explaining."""
    if not ENABLED:
        return "shared_tests/production/: not collected without PRODUCTION_TESTS=1"
    return None


def wait_until_ready(process, log, workers):
    """Polls gunicorn's log until every worker has loaded Django, or fails saying why.

    The master listens before it forks, so an open port proves nothing about workers.
    """
    try:
        wait_for_log(process, log, READY, workers, BOOT_TIMEOUT)
    except RuntimeError as error:
        pytest.fail(f"gunicorn: {error}")


@pytest.fixture
def gunicorn(tmp_path):
    """`gunicorn(workers, **env)` serves the chapter's `config.wsgi` and answers its URL.

    The server gets a clean environment plus `env`: no database, cache or rate reaches
    it by accident. Every worker has loaded Django when this returns.
    """
    processes = []

    def start(workers, **env):
        port = free_port(PORTS)
        log = tmp_path / f"gunicorn-{port}.log"
        clean = {
            name: value for name, value in os.environ.items() if not name.startswith(INHERITED)
        }
        command = [
            *("-m", "gunicorn", "config.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
            *("--max-requests", "0"),  # no worker restarts: a restart resets its counters
            "--no-control-socket",  # its default path is shared by every gunicorn here
            *("--config", str(HERE / "gunicorn_hooks.py")),
        ]
        # Forked where the suite forks (processes.py): each worker finds Django imported.
        process = start_in_chapter(command, {**clean, **env}, log)
        processes.append(process)
        wait_until_ready(process, log, workers)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        stop(process)


@pytest.fixture
def redis_url():
    """The Redis the test process caches in too, so the suite's `cache.clear()` resets
    the server's counters."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL=redis://...: run `nox -s workers`")
    return os.environ["REDIS_URL"]


@pytest.fixture
def database_url(transactional_db):
    """The test database's URL, for a server in another process to write to.

    Transactional, so what the server commits is visible here; pytest-django empties
    the tables afterwards and drops the database at the end, so nothing leaks.
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://...: run `nox -s workers`")
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
