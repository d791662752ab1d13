"""Djoser: a NUL in an email is a 400 that never reaches the database.

PostgreSQL cannot store or compare text that holds a NUL, and psycopg raises before the
query is sent: on PostgreSQL each such lookup was a 500 (red team, finding 6d). DRF's
fields refuse the NUL, but a field runs all its validators, so the uniqueness check
still looked the address up. SQLite accepts the query, so these tests watch the queries
themselves: none of them may carry a NUL. (A username is looked up by DRF's own
`UniqueValidator`, which catches the error psycopg raises and answers "not taken".)
"""

import pytest
from django.db import connection

from ..adapters.djoser import register
from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

NUL_EMAIL = "a\x00@example.com"


def holds_a_nul(params):
    """True when a query's parameters (a list, a tuple, a dict, or rows of them) hold one."""
    if isinstance(params, dict):
        params = list(params.values())
    return any(
        holds_a_nul(value) if isinstance(value, list | tuple | dict) else "\x00" in str(value)
        for value in params or ()
    )


@pytest.fixture
def queries_with_a_nul():
    """The SQL of every query sent, while the test runs, with a NUL in its parameters."""
    seen = []

    def watch(execute, sql, params, many, context):
        if holds_a_nul(params):
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield seen


def test_registration_with_a_nul_in_the_email_is_a_400_without_a_query(anon, queries_with_a_nul):
    response = register(anon, email=NUL_EMAIL)
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["email"]
    assert queries_with_a_nul == [], "a query with a NUL is a 500 on PostgreSQL"


def test_own_email_change_to_a_nul_is_a_400_without_a_query(login, users, queries_with_a_nul):
    client = login(users["user"])
    body = {"email": NUL_EMAIL, "current_password": PASSWORD}
    response = client.patch("/auth/users/me/", body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["email"]
    assert queries_with_a_nul == [], "a query with a NUL is a 500 on PostgreSQL"


@pytest.mark.parametrize("method", ["put", "patch"])
def test_staff_email_change_to_a_nul_is_a_400_without_a_query(
    client_as, users, queries_with_a_nul, method
):
    client = client_as("admin")
    body = {"email": NUL_EMAIL, "current_password": PASSWORD}
    response = getattr(client, method)(f"/auth/users/{users['user'].id}/", body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["email"]
    assert queries_with_a_nul == [], "a query with a NUL is a 500 on PostgreSQL"


@pytest.mark.parametrize("url", ["/auth/users/reset_password/", "/auth/users/resend_activation/"])
def test_emailed_link_request_with_a_nul_is_a_400_without_a_query(anon, queries_with_a_nul, url):
    response = anon.post(url, {"email": NUL_EMAIL}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["email"]
    assert queries_with_a_nul == [], "a query with a NUL is a 500 on PostgreSQL"
