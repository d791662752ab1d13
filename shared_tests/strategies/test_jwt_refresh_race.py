"""Parallel refreshes of one refresh token, against a real threaded server on SQLite.

The dev server answers each request in its own thread with its own database connection,
as the red team's runserver did when 16 parallel refreshes got 2 to 4 answers of 200.
The test database is copied to a file that the server opens; the refreshes then race
for real. (The production leg runs the same race through gunicorn on PostgreSQL.)
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ..conftest import PASSWORD
from ..production.clients import request
from ..servers import free_port, port_open, stop

pytestmark = [pytest.mark.requires("refresh-rotation"), pytest.mark.django_db(transaction=True)]

PORTS = range(8300, 8320)  # this file's share of the loopback ports
PARALLEL = 16  # the dev server's listen backlog refuses many more at once
BOOT_TIMEOUT = 30
CLEARED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "THROTTLE_")
ROOT = Path(__file__).resolve().parents[2]
FAST_HASHER_SETTINGS = "shared_tests.production.fast_hasher_settings"


@pytest.fixture
def threaded_server(tmp_path):
    """`threaded_server()` copies the test database to a file, serves the chapter on it
    with `runserver` (threaded) and answers its URL."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite race; the production leg runs it on PostgreSQL")
    processes = []

    def start():
        database = tmp_path / "race.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
        port = free_port(PORTS)
        env = {name: value for name, value in os.environ.items() if not name.startswith(CLEARED)}
        env |= {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
        # The test process hashes passwords with MD5; so must the server, for alice.
        env |= {"DJANGO_SETTINGS_MODULE": FAST_HASHER_SETTINGS, "PYTHONPATH": str(ROOT)}
        env |= {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "LOGIN")}
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
        command += ["--noreload", "--skip-checks"]
        log = (tmp_path / "runserver.log").open("w")
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        processes.append(process)
        deadline = time.monotonic() + BOOT_TIMEOUT
        while not port_open(port):
            assert process.poll() is None, (tmp_path / "runserver.log").read_text()
            assert time.monotonic() < deadline, "runserver did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        stop(process)


def test_parallel_refreshes_on_a_threaded_server_succeed_once(adapter, users, threaded_server):
    refresh_path = getattr(adapter, "refresh_path", None)
    if refresh_path is None:
        pytest.skip(f"{adapter.name} names no refresh_path with the token in the body")
    base_url = threaded_server()
    login = request(
        base_url, "POST", adapter.login_path, {"username": "alice", "password": PASSWORD}
    )
    assert login.status == 200, login
    body = {"refresh": login.body["refresh"]}
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(
            pool.map(lambda _: request(base_url, "POST", refresh_path, body), range(PARALLEL))
        )
    statuses = Counter(answer.status for answer in answers)
    assert statuses == {200: 1, 401: PARALLEL - 1}, json.dumps([a.body for a in answers])
