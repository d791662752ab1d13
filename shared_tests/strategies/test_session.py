"""Sessions: log in once, then a cookie; CSRF on every unsafe request, login included."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from ..adapters.basic_session import csrf_token, session_login
from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("session"), pytest.mark.django_db]

CREDENTIALS = {"username": "alice", "password": PASSWORD}


def log_in(client, **credentials):
    return session_login(client, **(credentials or CREDENTIALS))


def test_csrf_endpoint_sets_the_cookie(anon):
    anon.get("/api/auth/csrf/")
    assert anon.cookies["csrftoken"].value


def test_login_answers_the_user(anon, users):
    response = log_in(anon)
    assert (response.status_code, response.json()) == (
        200,
        {"id": users["user"].id, "username": "alice"},
    )


def test_login_sets_an_httponly_session_cookie(anon, users):
    log_in(anon)
    assert anon.cookies["sessionid"]["httponly"] is True


def test_session_cookie_authenticates(anon, users):
    log_in(anon)
    assert anon.get("/api/secret/").status_code == 200


def test_login_without_csrf_token_is_403(anon, users):
    anon.get("/api/auth/csrf/")
    response = anon.post("/api/auth/login/", CREDENTIALS, format="json")
    assert (response.status_code, response.json()["detail"][:11]) == (403, "CSRF Failed")


def test_login_with_wrong_password_is_400(anon, users):
    response = log_in(anon, username="alice", password="wrong")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Unable to log in with provided credentials."]},
    )


def test_login_with_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = log_in(anon, username="nobody", password="wrong")
    wrong = log_in(anon, username="alice", password="wrong")
    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())


def test_login_rotates_the_session_key(anon, users):
    planted = SessionStore()
    planted.create()
    anon.cookies["sessionid"] = planted.session_key
    log_in(anon)
    assert anon.cookies["sessionid"].value != planted.session_key


def test_login_rotates_the_csrf_token(anon, users):
    before = csrf_token(anon)
    anon.post("/api/auth/login/", CREDENTIALS, format="json", HTTP_X_CSRFTOKEN=before)
    assert anon.cookies["csrftoken"].value != before


def test_unsafe_method_without_csrf_token_is_403(anon, users):
    log_in(anon)
    response = anon.post("/api/todos/", {"title": "x"}, format="json")
    assert (response.status_code, response.json()["detail"][:11]) == (403, "CSRF Failed")


def test_unsafe_method_with_csrf_token_succeeds(anon, users):
    log_in(anon)
    token = anon.cookies["csrftoken"].value
    response = anon.post("/api/todos/", {"title": "x"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_logout_needs_the_csrf_token(anon, users):
    log_in(anon)
    assert anon.post("/api/auth/logout/").status_code == 403


def test_browsable_api_login_page_renders(anon):
    response = anon.get("/api-auth/login/")
    assert (response.status_code, b'name="password"' in response.content) == (200, True)
