"""OWASP API2: a credential remembered in the shared cache dies when it would without it.

Where a chapter remembers who a credential belongs to (`api/credential_cache.py`), the
whole suite runs with that cache on (conftest.py), so every revocation test also proves
its tombstones. These tests add what only the cache has: a remembered credential costs
no query; a cache that cannot be read sends the request to the database; and a
revocation that cannot reach the cache is refused and changes nothing, since an entry
it left behind could be served again once the cache is back.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from api import credential_cache

from ..conftest import PASSWORD
from ..credentials import same_credentials, secret_status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.requires("credential-cache"),
    pytest.mark.in_process("switches the test process's cache off and on"),
]

NEW_PASSWORD = "a-brand-new-password-7"


class UnreachableCache:
    """A cache whose server is down: every call fails, as redis-py's do."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


@pytest.fixture
def cache_down(monkeypatch):
    """Only the credential cache goes down, so the throttles still count."""
    monkeypatch.setattr(credential_cache, "cache", UnreachableCache())


def queries_of_a_request(client):
    with CaptureQueriesContext(connection) as captured:
        status = secret_status(client)
    assert status == 200, "the remembered credential was refused"
    return [query["sql"] for query in captured.captured_queries]


def test_a_remembered_credential_costs_no_query(login, users):
    client = same_credentials(login(users["user"]))  # one request: now remembered
    assert queries_of_a_request(client) == []


def test_with_the_cache_down_a_credential_is_checked_in_the_database(login, users, cache_down):
    client = same_credentials(login(users["user"]))
    assert secret_status(client) == 200, "a good credential was refused with the cache down"


def test_with_the_cache_down_a_revoked_credential_stays_refused(login, users, monkeypatch):
    stolen = same_credentials(login(users["user"]))
    users["user"].set_password(NEW_PASSWORD)
    users["user"].save()
    monkeypatch.setattr(credential_cache, "cache", UnreachableCache())
    assert secret_status(stolen) == 401, "a revoked credential worked with the cache down"


def test_a_password_change_the_cache_cannot_hear_of_is_refused(login, users, cache_down):
    user = users["user"]
    same_credentials(login(user))
    user.set_password(NEW_PASSWORD)
    with pytest.raises(credential_cache.CacheUnavailable):
        user.save()
    user.refresh_from_db()
    assert user.check_password(PASSWORD), "the password changed behind the cache's back"


def test_a_credential_survives_a_revocation_that_was_refused(login, users, monkeypatch):
    stolen = same_credentials(login(users["user"]))
    users["user"].is_active = False
    monkeypatch.setattr(credential_cache, "cache", UnreachableCache())
    with pytest.raises(credential_cache.CacheUnavailable), transaction.atomic():
        users["user"].save()  # in its own transaction, as a request's would be
    monkeypatch.undo()
    cache.clear()  # the database answers, not the entry remembered before
    assert secret_status(stolen) == 200, "a refused deactivation still ended the credential"


@pytest.mark.requires("logout-everywhere")
def test_logout_everywhere_the_cache_cannot_hear_of_answers_503(adapter, login, users, cache_down):
    response = adapter.ask_to_logout_everywhere(login(users["user"]))
    assert response.status_code == 503, response.content


@pytest.mark.requires("logout-everywhere")
@pytest.mark.django_db(transaction=True)  # DRF rolls a refused request back, test's included
def test_logout_everywhere_the_cache_cannot_hear_of_ends_nothing(
    adapter, login, users, monkeypatch
):
    client = login(users["user"])
    stolen = same_credentials(client)
    monkeypatch.setattr(credential_cache, "cache", UnreachableCache())
    adapter.ask_to_logout_everywhere(client)
    monkeypatch.undo()
    cache.clear()  # the database answers, not the entry remembered before
    assert secret_status(stolen) == 200, "a refused logout still ended the credential"
