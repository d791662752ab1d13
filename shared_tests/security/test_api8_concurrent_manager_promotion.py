"""Promoting one user to manager many times at once: never a 500 (issue 12 item 9).

OWASP API8:2023 Security Misconfiguration. `POST /api/groups/manager/users/` creates the
Manager group on first use and adds the user to it: two writes guarded by uniqueness
rules (one group per name, one membership per user). Parallel duplicates each answer
201, and the user ends up a manager once. Here against the threaded dev server on SQLite;
shared_tests/production/ runs the same race through gunicorn on PostgreSQL.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Group

from ..conftest import PASSWORD
from ..production.clients import credentials, request

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 12


def promote_in_parallel(base_url, headers, username):
    body = {"username": username}
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(
            pool.map(
                lambda _: request(base_url, "POST", "/api/groups/manager/users/", body, headers),
                range(PARALLEL),
            )
        )


def test_parallel_promotions_of_one_user_all_succeed(adapter, make_user, threaded_server):
    """API8: twelve parallel promotions, the group not yet created: twelve 201s."""
    make_user("admin", is_staff=True, is_superuser=True)
    make_user("alice")
    assert not Group.objects.filter(name="Manager").exists(), "the group is made by the race"
    base_url = threaded_server()
    headers = credentials(base_url, adapter, "admin", PASSWORD)
    answers = promote_in_parallel(base_url, headers, "alice")
    assert Counter(answer.status for answer in answers) == {201: PARALLEL}
    managers = request(base_url, "GET", "/api/groups/manager/users/", headers=headers)
    assert [manager["username"] for manager in managers.body["results"]] == ["alice"]


def test_parallel_demotions_of_one_manager_answer_204_or_404(adapter, make_user, threaded_server):
    """API8: twelve parallel demotions: each finds the manager (204) or not (404)."""
    make_user("admin", is_staff=True, is_superuser=True)
    alice = make_user("alice")
    alice.groups.add(Group.objects.create(name="Manager"))
    base_url = threaded_server()
    headers = credentials(base_url, adapter, "admin", PASSWORD)
    path = f"/api/groups/manager/users/{alice.id}/"
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(
            pool.map(lambda _: request(base_url, "DELETE", path, None, headers), range(PARALLEL))
        )
    assert set(Counter(answer.status for answer in answers)) <= {204, 404}
    managers = request(base_url, "GET", "/api/groups/manager/users/", headers=headers)
    assert managers.body["results"] == [], "alice is no longer a manager"
