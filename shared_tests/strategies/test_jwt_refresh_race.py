"""Parallel refreshes of one refresh token, against a real threaded server on SQLite.

The dev server answers each request in its own thread with its own database connection,
as the red team's runserver did when 16 parallel refreshes got 2 to 4 answers of 200.
The test database is copied to a file that the server opens; the refreshes then race
for real. (The production leg runs the same race through gunicorn on PostgreSQL.)
"""

import pytest

from ..conftest import PASSWORD
from ..production.clients import parallel_refresh_statuses

pytestmark = [
    pytest.mark.requires("signed-token", "refresh-rotation"),
    pytest.mark.django_db(transaction=True),
]

PARALLEL = 16  # the dev server's listen backlog refuses many more at once


def test_parallel_refreshes_on_a_threaded_server_succeed_once(adapter, users, threaded_server):
    if getattr(adapter, "refresh_path", None) is None:
        pytest.skip(f"{adapter.name} names no refresh_path with the token in the body")
    statuses = parallel_refresh_statuses(threaded_server(), adapter, "alice", PASSWORD, PARALLEL)
    assert statuses == {200: 1, 401: PARALLEL - 1}, "one refresh token bought more than one pair"
