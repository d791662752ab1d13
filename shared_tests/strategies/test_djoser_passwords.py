"""Djoser: password reset by email, and changing a password you know."""

import pytest

from ..conftest import PASSWORD
from .test_djoser import jwt_login, link

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

NEW_PASSWORD = "a-brand-new-passphrase-42"


def reset(client, email="alice@example.com"):
    return client.post("/auth/users/reset_password/", {"email": email}, format="json")


def confirm(client, uid, token, new_password=NEW_PASSWORD):
    return client.post(
        "/auth/users/reset_password_confirm/",
        {"uid": uid, "token": token, "new_password": new_password},
        format="json",
    )


def reset_link(message):
    return link(message, "password-reset")


# --- Reset by email ------------------------------------------------------------------------


def test_reset_answers_204_and_mails_a_link(anon, users, mailoutbox):
    response = reset(anon)
    assert (response.status_code, [m.to for m in mailoutbox]) == (204, [["alice@example.com"]])


def test_reset_then_confirm_from_the_email_sets_the_new_password(anon, users, mailoutbox):
    reset(anon)
    response = confirm(anon, **reset_link(mailoutbox[0]))
    assert (response.status_code, jwt_login(anon, "alice", NEW_PASSWORD).status_code) == (
        204,
        200,
    )


def test_old_password_fails_after_a_reset(anon, users, mailoutbox):
    reset(anon)
    confirm(anon, **reset_link(mailoutbox[0]))
    assert jwt_login(anon, "alice", PASSWORD).status_code == 401


def test_reset_link_works_only_once(anon, users, mailoutbox):
    reset(anon)
    confirm(anon, **reset_link(mailoutbox[0]))
    response = confirm(anon, **reset_link(mailoutbox[0]), new_password="yet-another-phrase-7")
    assert (response.status_code, response.json()) == (
        400,
        {"token": ["Invalid token for given user."]},
    )


def test_reset_confirm_applies_the_password_validators(anon, users, mailoutbox):
    reset(anon)
    response = confirm(anon, **reset_link(mailoutbox[0]), new_password="password")
    assert (response.status_code, response.json()) == (
        400,
        {"new_password": ["This password is too common."]},
    )


def test_reset_finds_the_email_in_any_case(anon, users, mailoutbox):
    reset(anon, "ALICE@Example.COM")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_reset_answers_alike_for_known_and_unknown_emails(anon, users):
    known = reset(anon, "alice@example.com")
    unknown = reset(anon, "nobody@example.com")
    assert (unknown.status_code, unknown.content) == (known.status_code, known.content)


def test_reset_for_an_unknown_email_sends_nothing(anon, users, mailoutbox):
    reset(anon, "nobody@example.com")
    assert mailoutbox == []


def test_reset_for_an_email_two_accounts_share_is_not_an_error(anon, make_user, mailoutbox):
    make_user("bob", email="shared@example.com")
    make_user("bobby", email="shared@example.com")  # possible in the admin
    response = reset(anon, "shared@example.com")
    assert (response.status_code, len(mailoutbox)) == (204, 1)


# --- Changing a known password -------------------------------------------------------------


def set_password(client, current, new=NEW_PASSWORD):
    return client.post(
        "/auth/users/set_password/",
        {"current_password": current, "new_password": new},
        format="json",
    )


def test_set_password_needs_the_current_password(login, users):
    response = set_password(login(users["user"]), "wrong")
    assert (response.status_code, response.json()) == (
        400,
        {"current_password": ["Invalid password."]},
    )


def test_set_password_changes_it(login, users, anon):
    response = set_password(login(users["user"]), PASSWORD)
    assert (response.status_code, jwt_login(anon, "alice", NEW_PASSWORD).status_code) == (
        204,
        200,
    )


def test_set_password_anonymous_is_401(anon):
    assert set_password(anon, PASSWORD).status_code == 401
