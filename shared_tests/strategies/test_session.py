"""Sessions: log in once, then a cookie; CSRF on every unsafe request, login included."""

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from ..adapters.basic_session import LOGOUT_EVERYWHERE, csrf_token, session_login
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
    assert response.status_code == 200, response.content
    assert response.json() == {"id": users["user"].id, "username": "alice"}


def test_login_sets_an_httponly_session_cookie(anon, users):
    log_in(anon)
    assert anon.cookies["sessionid"]["httponly"] is True


def test_session_cookie_authenticates(anon, users):
    log_in(anon)
    assert anon.get("/api/secret/").status_code == 200


def test_login_without_csrf_token_is_403(anon, users):
    anon.get("/api/auth/csrf/")
    response = anon.post("/api/auth/login/", CREDENTIALS, format="json")
    assert response.status_code == 403, response.content
    assert response.json()["detail"][:11] == "CSRF Failed"


def test_login_with_wrong_password_is_400(anon, users):
    response = log_in(anon, username="alice", password="wrong")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_login_with_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = log_in(anon, username="nobody", password="wrong")
    wrong = log_in(anon, username="alice", password="wrong")
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


def test_login_rotates_the_session_key(anon, users):
    planted = import_module(settings.SESSION_ENGINE).SessionStore()
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
    assert response.status_code == 403, response.content
    assert response.json()["detail"][:11] == "CSRF Failed"


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
    assert response.status_code == 200, response.content
    assert b'name="password"' in response.content


def test_browsable_api_login_without_a_next_page_lands_on_the_api_root(users):
    """Not on Django's default `/accounts/profile/`, which is a 404 here."""
    client = Client(enforce_csrf_checks=True)
    form = {**CREDENTIALS, "csrfmiddlewaretoken": csrf_token(client)}
    response = client.post("/api-auth/login/", form)
    assert response["Location"] == "/api/"


# --- Log out everywhere --------------------------------------------------------------------


def logout_everywhere(client):
    return client.post(LOGOUT_EVERYWHERE, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)


def test_logout_everywhere_answers_204_and_deletes_the_cookie(anon, users):
    log_in(anon)
    response = logout_everywhere(anon)
    assert response.status_code == 204, response.content
    assert response.cookies["sessionid"].value == ""


def test_logout_everywhere_needs_the_csrf_token(anon, users):
    log_in(anon)
    response = anon.post(LOGOUT_EVERYWHERE)
    assert response.status_code == 403, response.content
    assert response.json()["detail"][:11] == "CSRF Failed"


def test_logout_everywhere_without_a_login_is_401(anon):
    assert anon.post(LOGOUT_EVERYWHERE).status_code == 401


def test_logout_everywhere_is_limited_per_user_to_the_login_rate(users, rates):
    """Each call comes from its own address, so only the per-user limit can refuse it."""
    rates["login"] = "2/minute"
    codes = []
    for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"]:
        client = APIClient(enforce_csrf_checks=True, REMOTE_ADDR=address)
        log_in(client)
        codes.append(logout_everywhere(client).status_code)
    assert codes == [204, 204, 429]


def test_own_password_change_in_the_admin_keeps_only_the_changers_session(users):
    """Django's password form keeps its user logged in (`update_session_auth_hash`);
    every other session of that user ends."""
    other_device = APIClient(enforce_csrf_checks=True)
    log_in(other_device, username="admin", password=PASSWORD)
    browser = Client()
    browser.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    changed = browser.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-password-7",
            "new_password2": "a-brand-new-password-7",
        },
    )
    assert changed.status_code == 302, changed.content
    own, other = browser.get("/api/secret/"), other_device.get("/api/secret/")
    assert own.status_code == 200, own.content
    assert other.status_code == 401, other.content
