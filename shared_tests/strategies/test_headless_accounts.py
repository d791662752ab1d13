"""Chapter 07: sign-up, email verification and password reset by code, and sessions.

allauth mails a short code instead of a link. The code works only in the session that
asked for it (the page's cookie, the app's pending token), once, and within the shared
guessing budget. `allauth.usersessions` lists a user's sessions and ends the others.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from ..conftest import PASSWORD
from .headless_flows import Headless, logged_in, pending_flows

pytestmark = [pytest.mark.requires("headless"), pytest.mark.django_db]

NEW_PASSWORD = "a-brand-new-passphrase-42"
SIGN_UP = {"username": "carol", "email": "carol@example.com", "password": NEW_PASSWORD}


def code_in(message):
    """The code on its own line of the email allauth sent."""
    found = re.search(r"(?m)^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body)
    assert found, message.body
    return found[1]


# --- sign-up and verification ----------------------------------------------------------


def test_sign_up_waits_for_the_emailed_code(adapter, mailoutbox):
    response = Headless(adapter).post("/auth/signup", SIGN_UP)
    assert response.status_code == 401, response.content
    assert pending_flows(response) == ["verify_email"]
    assert mailoutbox[0].to == ["carol@example.com"]


def test_the_code_verifies_the_address_and_logs_in(adapter, mailoutbox):
    client = Headless(adapter)
    client.post("/auth/signup", SIGN_UP)
    response = client.post("/auth/email/verify", {"key": code_in(mailoutbox[0])})
    assert response.status_code == 200, response.content
    assert client.secret_status() == 200


def test_the_code_is_worthless_in_another_session(adapter, mailoutbox):
    """Guessing six characters from anywhere would otherwise be enough."""
    Headless(adapter).post("/auth/signup", SIGN_UP)
    elsewhere = Headless(adapter)
    response = elsewhere.post("/auth/email/verify", {"key": code_in(mailoutbox[0])})
    assert response.status_code in (400, 409), response.content
    assert elsewhere.secret_status() == 401


def test_a_wrong_code_is_refused(adapter, mailoutbox):
    client = Headless(adapter)
    client.post("/auth/signup", SIGN_UP)
    wrong = "AAAAAA" if code_in(mailoutbox[0]) != "AAAAAA" else "BBBBBB"
    response = client.post("/auth/email/verify", {"key": wrong})
    assert response.status_code == 400, response.content
    assert client.secret_status() == 401


def test_sign_up_refuses_a_common_password(adapter):
    response = Headless(adapter).post("/auth/signup", {**SIGN_UP, "password": "password"})
    assert response.status_code == 400, response.content
    assert get_user_model().objects.filter(username="carol").count() == 0


# --- password reset by code ---------------------------------------------------------------


def request_reset(client, email="alice@example.com"):
    return client.post("/auth/password/request", {"email": email})


def test_reset_answers_alike_for_known_and_unknown_addresses(adapter, users):
    known = request_reset(Headless(adapter))
    unknown = request_reset(Headless(adapter), "nobody@example.com")
    assert known.status_code == unknown.status_code, unknown.content


def test_the_reset_code_sets_the_new_password(adapter, users, mailoutbox):
    client = Headless(adapter)
    request_reset(client)
    body = {"key": code_in(mailoutbox[0]), "password": NEW_PASSWORD}
    response = client.post("/auth/password/reset", body)
    assert response.status_code in (200, 401), response.content  # 401: now log in
    assert Headless(adapter).password_login("alice", NEW_PASSWORD).status_code == 200


def test_the_reset_code_works_once(adapter, users, mailoutbox):
    client = Headless(adapter)
    request_reset(client)
    code = code_in(mailoutbox[0])
    client.post("/auth/password/reset", {"key": code, "password": NEW_PASSWORD})
    again = client.post("/auth/password/reset", {"key": code, "password": "yet-another-phrase-7"})
    assert again.status_code in (400, 409), again.content
    assert Headless(adapter).password_login("alice", NEW_PASSWORD).status_code == 200


def test_a_reset_ends_every_session_of_the_user(adapter, users, mailoutbox):
    logged = logged_in(adapter)
    client = Headless(adapter)
    request_reset(client)
    client.post("/auth/password/reset", {"key": code_in(mailoutbox[0]), "password": NEW_PASSWORD})
    assert logged.secret_status() == 401


def test_reset_code_guesses_spend_the_login_budget(adapter, users, mailoutbox, rates):
    rates["login"] = "2/minute"
    client = Headless(adapter)
    request_reset(client)
    for guess in ("AAAAAA", "BBBBBB"):
        client.post("/auth/password/reset", {"key": guess, "password": NEW_PASSWORD})
    response = client.post(
        "/auth/password/reset", {"key": code_in(mailoutbox[0]), "password": NEW_PASSWORD}
    )
    assert response.status_code == 429, response.content


# --- sessions -------------------------------------------------------------------------


def test_the_sessions_list_shows_each_login(adapter, users):
    logged_in(adapter)
    client = logged_in(adapter)
    response = client.get("/auth/sessions")
    assert response.status_code == 200, response.content
    assert len(response.json()["data"]) == 2


def test_ending_the_other_sessions_logs_them_out(adapter, users):
    other = logged_in(adapter)
    client = logged_in(adapter)
    sessions = client.get("/auth/sessions").json()["data"]
    others = [session["id"] for session in sessions if not session["is_current"]]
    response = client.delete("/auth/sessions", {"sessions": others})
    assert response.status_code == 200, response.content
    assert other.secret_status() == 401
    assert client.secret_status() == 200


def test_another_users_session_cannot_be_ended(adapter, users):
    from allauth.usersessions.models import UserSession  # chapter 07 only

    victim = logged_in(adapter, "manager")
    theirs = UserSession.objects.get(user=users["manager"]).pk
    response = logged_in(adapter).delete("/auth/sessions", {"sessions": [theirs]})
    assert response.status_code == 400, response.content
    assert victim.secret_status() == 200


def test_a_session_token_or_cookie_is_worthless_after_logout(adapter, users):
    client = logged_in(adapter)
    kept = dict(client.headers())
    cookies = {name: morsel.value for name, morsel in client.client.cookies.items()}
    client.delete("/auth/session")
    replay = Headless(adapter)
    for name, value in cookies.items():
        replay.client.cookies[name] = value
    assert replay.get("/api/secret/", **kept).status_code == 401


def test_changing_the_password_ends_the_other_sessions(adapter, users):
    other = logged_in(adapter)
    client = logged_in(adapter)
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    response = client.post("/account/password/change", body)
    assert response.status_code in (200, 401), response.content
    assert other.secret_status() == 401
