"""`--serve runserver|gunicorn`: the suite starts the chapter itself, then tests it over HTTP.

The server opens the database the test process uses (`DATABASE_URL`, a test database,
see shared_database.py), hashes passwords with the suite's MD5 hasher so the users the
fixtures create can log in, and throttles at generous rates (a test that lowers a rate
runs in process only). It starts once per run, after the database is migrated.

- `runserver`: Django's development server, debug off as in the in-process suite.
- `gunicorn`: production mode (debug off, a secret key set) behind a TLS proxy that
  this client stands in for, with two workers and the cache `REDIS_URL` names (the test
  process clears the same cache). The test process runs with the same settings (its
  environment sets them; http_mode.py refuses to start without), so what its fixtures
  write suits that server: chapter 06 registers https redirect URIs only.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from ..processes import start_in_chapter
from ..servers import free_port, stop, wait_for_log, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
# This run's ports, apart from the threaded race server's and the production leg's.
PORTS = {"runserver": range(8400, 8425), "gunicorn": range(8425, 8450)}
BOOT_TIMEOUT = 60  # seconds; gunicorn workers load Django on a busy two-core machine
WORKERS = 2
# What the server must not inherit from the test process unless it is set below.
INHERITED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "THROTTLE_")
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}
HOOKS = ROOT / "shared_tests" / "production" / "gunicorn_hooks.py"


def server_environment(mode):
    """The server's environment: the test process's database and cache, the fast hasher."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(INHERITED)}
    env |= GENEROUS | {
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "DJANGO_SETTINGS_MODULE": "shared_tests.transport.server_settings",
        "PYTHONPATH": str(ROOT),
    }
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    if mode == "gunicorn":
        env |= {
            "DJANGO_DEBUG": "0",
            # The test process's own key (this checkout's), set as a deployment sets one:
            # tests that sign a token "with the right key" must sign with the server's.
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_TLS_PROXY": "1",
        }
    return env


def production_settings():
    """Whether this process runs with a production server's settings (api/base_settings.py:
    debug off and a key set turn on the HTTPS redirect; DJANGO_TLS_PROXY the proxy header)."""
    return not settings.DEBUG and settings.SECURE_SSL_REDIRECT and settings.SECURE_PROXY_SSL_HEADER


def command(mode, port):
    """The server's `python` arguments; it is forked where the suite forks (processes.py)."""
    if mode == "runserver":
        return ["manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return [
        *("-m", "gunicorn", "config.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)),
        "--no-control-socket",  # its default path is shared by every gunicorn here
        *("--config", str(HOOKS)),
    ]


def pick_port(mode):
    """The port the server will listen on, chosen before collection names the URL."""
    return free_port(PORTS[mode])


@pytest.fixture(scope="session", autouse=True)
def served_chapter(request, django_db_setup, tmp_path_factory):
    """Starts the chapter on the migrated test database for the whole run."""
    config = request.config
    mode = config.getoption("serve")
    port = config.getoption("base_url").rsplit(":", 1)[1]
    log = tmp_path_factory.mktemp("served") / f"{mode}.log"
    process = start_in_chapter(command(mode, port), server_environment(mode), log)
    try:
        if mode == "gunicorn":
            from ..production.gunicorn_hooks import READY

            wait_for_log(process, log, READY, WORKERS, BOOT_TIMEOUT)
        else:
            wait_for_port(process, log, int(port), BOOT_TIMEOUT)
        yield
    finally:
        stop(process)
