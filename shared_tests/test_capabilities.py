"""What each login variant does and does not do: the README's behaviour matrix.

Each test logs in through the variant's adapter, proves one behaviour or its absence,
and claims that cell of the matrix (see shared_tests/matrix.py). "yes" tests run where
the adapter declares the capability (`requires`), "no" tests where it does not
(`lacks`), so every variant gets exactly one proof per row.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from .adapters.description import REGISTERED_PASSWORD
from .clock import NOW
from .conftest import PASSWORD
from .credentials import replay, same_credentials, secret_status, sent_credentials, write_status

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
TEN_YEARS = datetime.timedelta(days=3653)


def duration(delta):
    """`5 min`, `2 weeks`: a lifetime in the largest unit that divides it."""
    seconds = int(delta.total_seconds())
    units = [("week", 7 * 24 * 3600), ("day", 24 * 3600), ("h", 3600), ("min", 60)]
    for unit, size in units:
        if seconds % size == 0:
            count = seconds // size
            plural = "s" if count > 1 and unit in {"week", "day"} else ""
            return f"{count} {unit}{plural}"
    return f"{seconds} s"


# --- stateless -----------------------------------------------------------------------------


def stored_rows():
    """The primary keys in every table, to tell later what a login added."""
    return {
        model: set(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def forget_rows_added_since(before):
    """Deletes every row added since `before`, and empties the caches: whatever the
    login stored (a session, a key, an outstanding refresh token) is gone."""
    for model, pks in before.items():
        model._base_manager.exclude(pk__in=pks).delete()
    for cache in caches.all():
        cache.clear()


@pytest.mark.requires("stateless")
@pytest.mark.matrix("stateless", "yes")
def test_credential_works_after_the_server_forgets_the_login(login, users):
    before = stored_rows()
    client = login(users["user"])
    forget_rows_added_since(before)
    assert secret_status(client) == 200


@pytest.mark.lacks("stateless")
@pytest.mark.matrix("stateless", "no")
def test_credential_stops_working_when_the_server_forgets_the_login(login, users):
    before = stored_rows()
    client = login(users["user"])
    forget_rows_added_since(before)
    assert secret_status(client) == 401


# --- expiry --------------------------------------------------------------------------------


@pytest.mark.requires("expiry")
def test_credential_works_for_its_lifetime_and_not_a_second_longer(
    adapter, login, users, time_machine, matrix_cell
):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    client = login(users["user"])
    time_machine.shift(adapter.lifetime - SECOND)
    just_before = secret_status(client)
    time_machine.shift(2 * SECOND)
    assert just_before == 200
    assert secret_status(client) == 401
    matrix_cell("expiry", duration(adapter.lifetime))


@pytest.mark.lacks("expiry")
@pytest.mark.matrix("expiry", "no")
def test_credential_still_works_ten_years_later(login, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    client = login(users["user"])
    time_machine.shift(TEN_YEARS)
    assert secret_status(client) == 200


# --- revocable -----------------------------------------------------------------------------


@pytest.mark.requires("revocable")
@pytest.mark.matrix("revocable", "yes")
def test_copy_of_the_credential_taken_before_logout_is_refused_after_it(adapter, login, users):
    client = login(users["user"])
    stolen = same_credentials(client)
    adapter.logout(client)
    assert secret_status(stolen) == 401


@pytest.mark.lacks("revocable")
@pytest.mark.matrix("revocable", "no")
def test_copy_of_the_credential_taken_before_logout_still_works_after_it(adapter, login, users):
    client = login(users["user"])
    stolen = same_credentials(client)
    adapter.logout(client)
    assert secret_status(stolen) == 200


# --- refresh rotation ----------------------------------------------------------------------


@pytest.mark.requires("refresh-rotation")
@pytest.mark.matrix("refresh-rotation", "yes")
def test_refresh_token_works_once_and_answers_a_new_one(adapter, users):
    client = adapter.client()
    old = adapter.token_pair(client, "alice", PASSWORD)["refresh"]
    first = adapter.refresh(client, old)
    # Read it now: the client's cookie jar shares its cookies with `first.cookies`.
    new = adapter.new_refresh_token(first)
    with_new = adapter.refresh(client, new)
    # After the new one: a used token that comes back revokes its whole family (RFC 9700).
    again = adapter.refresh(client, old)
    assert first.status_code == 200, first.content
    assert with_new.status_code == 200, with_new.content
    assert adapter.refusal_in(again) == adapter.refused_refresh, again.content


def answers_a_refresh_token(response):
    body = response.json() if response.get("Content-Type") == "application/json" else {}
    return any("refresh" in name for name in [*body, *response.cookies])


@pytest.mark.lacks("refresh-rotation")
@pytest.mark.matrix("refresh-rotation", "no")
def test_no_login_answers_a_refresh_token(adapter, users):
    """Nothing to rotate: the credential a login hands out is the only one."""
    checks = adapter.password_checks()
    logins = [check.attempt(adapter.client(), "alice", PASSWORD) for check in checks]
    assert [(r.status_code < 400, answers_a_refresh_token(r)) for r in logins] == [
        (True, False) for _ in checks
    ]


# --- registration --------------------------------------------------------------------------
# "yes": test_registration.py::test_registration_creates_an_account

SIGN_UP = {
    "username": "carol",
    "email": "carol@example.com",
    "password": REGISTERED_PASSWORD,
    "password1": REGISTERED_PASSWORD,
    "password2": REGISTERED_PASSWORD,
    "re_password": REGISTERED_PASSWORD,
}


def documented_posts(client):
    """Every path the chapter's OpenAPI schema documents a POST for, `{id}`s filled in."""
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    return [re.sub(r"{[^}]+}", "1", path) for path, ops in paths.items() if "post" in ops]


@pytest.mark.lacks("registration")
@pytest.mark.matrix("registration", "no")
def test_no_documented_endpoint_creates_an_account_for_an_anonymous_client(adapter, users):
    client = APIClient()  # not even CSRF stands in the way
    before = get_user_model().objects.count()
    for path in documented_posts(client):
        client.post(path, SIGN_UP, format="json")
    assert get_user_model().objects.count() == before


# --- email verification --------------------------------------------------------------------


@pytest.mark.requires("email-verification")
@pytest.mark.matrix("email-verification", "yes")
def test_new_account_logs_in_only_after_following_the_emailed_link(adapter, mailoutbox):
    adapter.register(adapter.client())
    before = adapter.login_attempt(adapter.client(), "carol", REGISTERED_PASSWORD)
    adapter.confirm_email(adapter.client(), mailoutbox[-1])
    after = adapter.login_attempt(adapter.client(), "carol", REGISTERED_PASSWORD)
    assert before.status_code in {400, 401}
    assert after.status_code == 200, after.content


@pytest.mark.lacks("email-verification")
@pytest.mark.matrix("email-verification", "no")
def test_account_whose_email_was_never_verified_logs_in(adapter, mailoutbox):
    """Made the way these chapters make accounts (an admin, a script): nothing to confirm."""
    dave = get_user_model().objects.create_user("dave", "dave@example.com", PASSWORD)
    client = adapter.client()
    adapter.login(client, dave.username, PASSWORD)
    assert secret_status(client) == 200
    assert mailoutbox == []


# --- browser-safe storage ------------------------------------------------------------------


@pytest.mark.requires("httponly-cookie")
@pytest.mark.matrix("httponly-cookie", "yes")
def test_credential_travels_only_in_httponly_cookies(login, users):
    """The only cookie page JavaScript may read is the CSRF token, which proves nothing."""
    client = login(users["user"])
    authorization, cookies = sent_credentials(client)
    readable = [name for name in cookies if not client.cookies[name]["httponly"]]
    assert authorization is None
    assert readable == ["csrftoken"]


@pytest.mark.lacks("httponly-cookie")
@pytest.mark.matrix("httponly-cookie", "no")
def test_credential_is_a_header_the_page_must_hold(login, users):
    """A header the client itself sets, so the page's JavaScript holds the credential."""
    authorization, _ = sent_credentials(login(users["user"]))
    assert secret_status(replay(authorization, {})) == 200


# --- needs CSRF ----------------------------------------------------------------------------


@pytest.mark.requires("csrf")
@pytest.mark.matrix("csrf", "yes")
def test_unsafe_request_with_the_credential_but_no_csrf_token_is_refused(login, users):
    assert write_status(same_credentials(login(users["user"]))) == 403


@pytest.mark.lacks("csrf")
@pytest.mark.matrix("csrf", "no")
def test_unsafe_request_with_the_credential_needs_no_csrf_token(login, users):
    assert write_status(same_credentials(login(users["user"]))) == 201


# --- DB queries per request ----------------------------------------------------------------


@pytest.mark.in_process("counts the queries of the request in the test process")
def test_authenticated_request_makes_only_the_queries_its_credential_needs(
    adapter, login, users, matrix_cell
):
    client = login(users["user"])
    with CaptureQueriesContext(connection) as captured:
        status = secret_status(client)
    queries = [query["sql"] for query in captured.captured_queries]
    assert status == 200, queries
    assert len(queries) == adapter.queries_per_request, queries
    matrix_cell("queries", len(queries))


# --- 401 with challenge --------------------------------------------------------------------


@pytest.mark.requires("challenge")
@pytest.mark.matrix("challenge", "yes")
def test_request_without_credentials_gets_401_and_a_challenge(adapter):
    response = adapter.client().get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == adapter.challenge
