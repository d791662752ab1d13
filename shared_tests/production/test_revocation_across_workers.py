"""A revocation reaches every worker at once, with the credential remembered in Redis.

Four workers share Redis, where each chapter remembers who a credential belongs to
(api/credential_cache.py), and each worker keeps a copy of what it read until Redis
tells it the key changed (api/near_cache.py). The credential is used until every worker
holds a copy, then its user is deactivated, saved as the admin's form saves it, and the
very next requests, spread over every worker, are all refused: the revocation's latency
is 0. (Logout and "log out everywhere" across workers are the suite's own revocation
tests, which `http_production` runs against two gunicorn workers sharing Redis.)
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model

from ..conftest import PASSWORD
from ..transport.http_client import HTTPClient
from .clients import request
from .conftest import FAST_HASHER

pytestmark = pytest.mark.requires("credential-cache")

WORKERS = 4
SPREAD = 16  # requests at once: every worker answers some
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


@pytest.fixture
def server(database_url, redis_url, gunicorn, make_user):
    make_user("victim")
    return gunicorn(
        WORKERS,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_CONN_MAX_AGE="60",
        **GENEROUS,
        **FAST_HASHER,
    )


def statuses(base_url, headers):
    """`SPREAD` reads of /api/secret/ at once, each on its own connection."""
    with ThreadPoolExecutor(SPREAD) as pool:
        answers = pool.map(
            lambda _: request(base_url, "GET", "/api/secret/", headers=headers), range(SPREAD)
        )
        return Counter(answer.status for answer in answers)


def logged_in(server, adapter):
    """A client logged in as the victim, and the headers it sends, remembered by now."""
    client = HTTPClient(server)
    adapter.login(client, "victim", PASSWORD)
    headers = adapter.sent_headers(client, unsafe=False)
    assert statuses(server, headers) == {200: SPREAD}, "a fresh credential was refused"
    # Read from Redis now, so each worker keeps its own copy (api/near_cache.py).
    assert statuses(server, headers) == {200: SPREAD}, "a remembered credential was refused"
    return client, headers


def test_a_deactivation_is_refused_by_every_worker_at_once(server, adapter):
    _, headers = logged_in(server, adapter)
    user = get_user_model().objects.get(username="victim")
    user.is_active = False
    user.save()  # as the admin's form does: its tombstones go to the same Redis
    assert 200 not in statuses(server, headers), "a worker still served the deactivated user"
