"""Djoser: what only its password reset does, and changing a password you know.

../test_password_reset.py holds what every password reset promises.
"""

import pytest

from ..adapters.djoser import request_reset
from ..conftest import PASSWORD
from .djoser_flows import jwt_login

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

NEW_PASSWORD = "a-brand-new-passphrase-42"


def reset(client, email="alice@example.com"):
    return request_reset(client, email)


# --- Reset by email ------------------------------------------------------------------------


def test_reset_answers_204_and_mails_a_link(anon, users, mailoutbox):
    response = reset(anon)
    assert response.status_code == 204, response.content
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_reset_finds_the_email_in_any_case(anon, users, mailoutbox):
    reset(anon, "ALICE@Example.COM")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_reset_finds_the_email_in_another_unicode_case(anon, make_user, mailoutbox):
    """SQLite's `iexact` folds ASCII only; the email key folds every letter."""
    make_user("idn", email="idn@exämple.com")
    reset(anon, "IDN@EXÄMPLE.com")
    assert [m.to for m in mailoutbox] == [["idn@exämple.com"]]


# --- Changing a known password -------------------------------------------------------------


def set_password(client, current, new=NEW_PASSWORD):
    return client.post(
        "/auth/users/set_password/",
        {"current_password": current, "new_password": new},
        format="json",
    )


def test_set_password_needs_the_current_password(login, users):
    response = set_password(login(users["user"]), "wrong")
    assert response.status_code == 400, response.content
    assert response.json() == {"current_password": ["Invalid password."]}


def test_set_password_changes_it(login, users, anon):
    response = set_password(login(users["user"]), PASSWORD)
    assert response.status_code == 204, response.content
    assert jwt_login(anon, "alice", NEW_PASSWORD).status_code == 200


def test_set_password_anonymous_is_401(anon):
    assert set_password(anon, PASSWORD).status_code == 401
