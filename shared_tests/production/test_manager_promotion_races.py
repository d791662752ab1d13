"""Promoting one user to manager many times at once, through four workers on PostgreSQL.

The in-process twin (shared_tests/security/test_api8_concurrent_manager_promotion.py)
races on SQLite; here each worker holds its own PostgreSQL connection. The Manager
group does not exist yet, so the requests also race to create it: every answer is 201,
and the user is a manager once.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.models import Group

from ..conftest import PASSWORD
from .clients import credentials, request
from .conftest import FAST_HASHER

WORKERS = 4
PARALLEL = 16
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


def test_parallel_promotions_of_one_user_all_succeed(database_url, gunicorn, make_user, adapter):
    make_user("admin", is_staff=True, is_superuser=True)
    alice = make_user("alice")
    base_url = gunicorn(WORKERS, DATABASE_URL=database_url, **GENEROUS, **FAST_HASHER)
    headers = credentials(base_url, adapter, "admin", PASSWORD)
    body = {"username": "alice"}
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(
            pool.map(
                lambda _: request(base_url, "POST", "/api/groups/manager/users/", body, headers),
                range(PARALLEL),
            )
        )
    assert Counter(answer.status for answer in answers) == {201: PARALLEL}
    assert list(Group.objects.get(name="Manager").user_set.all()) == [alice]
