"""At most once, for real: parallel requests with one code or one refresh token.

Against a threaded dev server on a file copy of the test database (conftest.py's
`threaded_server`), so the requests race in threads with connections of their own; the
production leg runs the refresh race through gunicorn on PostgreSQL.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from ..conftest import PASSWORD
from ..production.clients import parallel_refresh_statuses
from ..transport.http_client import HTTPClient
from . import oauth2_flows as flow

pytestmark = [pytest.mark.requires("oauth2"), pytest.mark.django_db(transaction=True)]

PARALLEL = 12  # the dev server's listen backlog refuses many more at once


def test_parallel_refreshes_of_one_token_buy_one_pair(adapter, users, threaded_server):
    statuses = parallel_refresh_statuses(threaded_server(), adapter, "alice", PASSWORD, PARALLEL)
    assert statuses[200] <= 1, f"one refresh token bought more than one pair: {statuses}"
    assert statuses[400] >= PARALLEL - 1, statuses


def test_parallel_exchanges_of_one_code_leave_at_most_one_working_token(users, threaded_server):
    base_url = threaded_server()
    browser = HTTPClient(base_url)
    verifier, challenge = flow.pkce_pair()
    code = flow.authorization_code(browser, "alice", PASSWORD, flow.authorize_params(challenge))
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(
            pool.map(
                lambda _: flow.exchange(HTTPClient(base_url), code, verifier), range(PARALLEL)
            )
        )
    tokens = [answer.json()["access_token"] for answer in answers if answer.status_code == 200]
    working = [
        t
        for t in tokens
        if flow.bearer(HTTPClient(base_url), t).get("/api/secret/").status_code == 200
    ]
    assert Counter(a.status_code for a in answers)[400] >= PARALLEL - 1
    assert len(working) <= 1, f"one code bought {len(working)} working tokens"
