"""Parallel refreshes of one refresh token, against a real threaded server on SQLite.

The dev server answers each request in its own thread with its own database connection,
as the red team's runserver did when 16 parallel refreshes got 2 to 4 answers of 200.
The test database is copied to a file that the server opens; the refreshes then race
for real. (The production leg runs the same race through gunicorn on PostgreSQL.)
"""

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from ..conftest import PASSWORD
from ..dev_server import serve_database_copy
from ..production.clients import request
from ..servers import stop

pytestmark = [pytest.mark.requires("refresh-rotation"), pytest.mark.django_db(transaction=True)]

PORTS = range(8300, 8320)  # this file's share of the loopback ports
PARALLEL = 16  # the dev server's listen backlog refuses many more at once


@pytest.fixture
def threaded_server(tmp_path):
    """`threaded_server()` copies the test database to a file, serves the chapter on it
    with `runserver` (threaded) and answers its URL."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite race; the production leg runs it on PostgreSQL")
    processes = []

    def start():
        base_url, process = serve_database_copy(tmp_path, PORTS)
        processes.append(process)
        return base_url

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
