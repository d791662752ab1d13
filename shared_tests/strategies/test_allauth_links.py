"""Emailed links work once, also when the same one arrives twice at the same moment.

The races are replayed in process, step by step: the second request runs in full while
the first is between its check and its write, which is where parallel requests on
several workers overlap (shared_tests/production/test_allauth_races.py sends them for real).
"""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from ..adapters.allauth import confirm_reset, request_reset, reset_link
from ..conftest import PASSWORD
from .allauth_flows import AUTH, carol, carols_address, log_in, register, verification_key, verify

pytestmark = [
    pytest.mark.requires("dj-rest-auth"),
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:app_settings.AUTHENTICATION_METHOD is deprecated"),
]

NEW_PASSWORD = "a-brand-new-passphrase-42"
USED_LINK = {"token": ["Invalid value"]}


def meanwhile(monkeypatch, target, name, second_request):
    """Makes the first call of `target.name`, the check a request makes before it writes,
    run `second_request()` in full once the check is done; answers [its response]."""
    original = getattr(target, name)
    answers = []

    def interleaved(*args, **kwargs):
        checked = original(*args, **kwargs)
        if not answers:
            answers.append(None)  # the second request's own check goes straight through
            answers[0] = second_request()
        return checked

    monkeypatch.setattr(target, name, interleaved)
    return answers


# --- Verification keys ---------------------------------------------------------------------


def test_verification_key_works_once(anon, mailoutbox):
    register(anon)
    key = verification_key(mailoutbox[0])
    assert [verify(anon, key).status_code for _ in range(2)] == [200, 404]


def test_verification_key_sent_twice_at_once_verifies_once(anon, mailoutbox, monkeypatch):
    from accounts import verification  # only chapter 05 has it

    register(anon)
    key = verification_key(mailoutbox[0])
    # The second request runs in full after the first has found the address unverified.
    view = verification.SingleUseVerifyEmailView
    second = meanwhile(monkeypatch, view, "get_object", lambda: verify(anon, key))
    first = verify(anon, key)
    assert sorted([first.status_code, second[0].status_code]) == [200, 404]


def test_verification_of_a_deactivated_account_is_404(anon, mailoutbox):
    register(anon)
    user = carol()
    user.is_active = False
    user.save()
    response = verify(anon, verification_key(mailoutbox[0]))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}


def test_verification_does_not_reactivate_a_deactivated_account(anon, mailoutbox):
    register(anon)
    user = carol()
    user.is_active = False
    user.save()
    verify(anon, verification_key(mailoutbox[0]))
    assert carol().is_active is False
    assert carols_address().verified is False


# --- Password reset links ------------------------------------------------------------------


def test_reset_link_works_once(anon, users, mailoutbox):
    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[-1])
    first = confirm_reset(anon, **link, new_password=NEW_PASSWORD)
    again = confirm_reset(anon, **link, new_password="yet-another-passphrase-7")
    assert first.status_code == 200, first.content
    assert again.status_code == 400, again.content
    assert again.json() == USED_LINK


def test_reset_link_sent_twice_at_once_resets_once(anon, users, mailoutbox, monkeypatch):
    from accounts import passwords  # only chapter 05 has it

    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[-1])
    # The second request runs in full after the first has checked the token.
    second = meanwhile(
        monkeypatch,
        passwords.PasswordResetConfirmSerializer,
        "validate",
        lambda: confirm_reset(anon, **link, new_password="the-second-passphrase-9"),
    )
    first = confirm_reset(anon, **link, new_password=NEW_PASSWORD)
    assert sorted([first.status_code, second[0].status_code]) == [200, 400]


def test_reset_link_sent_twice_at_once_leaves_the_winners_password(
    anon, users, mailoutbox, monkeypatch
):
    from accounts import passwords  # only chapter 05 has it

    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[-1])
    second = meanwhile(
        monkeypatch,
        passwords.PasswordResetConfirmSerializer,
        "validate",
        lambda: confirm_reset(anon, **link, new_password="the-second-passphrase-9"),
    )
    confirm_reset(anon, **link, new_password=NEW_PASSWORD)
    assert second[0].status_code == 200
    assert log_in(anon, "alice", "the-second-passphrase-9").status_code == 200


def test_reset_link_stops_working_once_the_user_logged_in(anon, users, mailoutbox):
    """Django's reset token hashes `last_login`, which every login now updates."""
    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[-1])
    assert log_in(APIClient(), "alice", PASSWORD).status_code == 200
    response = confirm_reset(anon, **link, new_password=NEW_PASSWORD)
    assert response.status_code == 400, response.content
    assert response.json() == USED_LINK


def test_reset_link_stops_working_once_the_user_logged_in_at_the_token_endpoint(
    anon, users, mailoutbox
):
    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[-1])
    body = {"username": "alice", "password": PASSWORD}
    assert APIClient().post(f"{AUTH}/token/", body, format="json").status_code == 200
    assert confirm_reset(anon, **link, new_password=NEW_PASSWORD).status_code == 400


# --- Concurrent sign-ups -------------------------------------------------------------------


def test_sign_up_racing_another_for_one_username_is_a_400(anon, monkeypatch):
    from accounts import registration  # only chapter 05 has it

    # The second sign-up runs in full after the first found the address free.
    second = meanwhile(
        monkeypatch,
        registration,
        "filter_users_by_email",
        lambda: register(anon, email="other@example.com"),
    )
    first = register(anon)
    assert second[0].status_code == 201
    assert first.status_code == 400, first.content
    assert first.json() == {"username": ["A user with that username already exists."]}


def test_sign_up_racing_another_for_one_address_answers_alike_and_makes_one_account(
    anon, monkeypatch
):
    from accounts import registration  # only chapter 05 has it

    second = meanwhile(
        monkeypatch, registration, "filter_users_by_email", lambda: register(anon, username="dave")
    )
    first = register(anon)
    holders = get_user_model().objects.filter(email="carol@example.com")
    assert first.status_code == 201, first.content
    assert second[0].status_code == 201
    assert holders.count() == 1


def test_sign_up_with_another_case_of_a_taken_username_is_a_400(anon):
    register(anon)
    response = register(anon, username="CAROL", email="other@example.com")
    assert response.status_code == 400, response.content
    assert response.json() == {"username": ["A user with that username already exists."]}


def test_sign_up_racing_another_for_one_username_in_another_case_is_a_400(anon, monkeypatch):
    """The database's index on LOWER(username) decides (accounts migration 0003)."""
    from accounts import registration  # only chapter 05 has it

    second = meanwhile(
        monkeypatch,
        registration,
        "filter_users_by_email",
        lambda: register(anon, username="CAROL", email="other@example.com"),
    )
    first = register(anon)
    assert second[0].status_code == 201
    assert first.status_code == 400, first.content
    assert first.json() == {"username": ["A user with that username already exists."]}


def test_sign_up_racing_another_in_another_case_leaves_one_account(anon, monkeypatch):
    from accounts import registration  # only chapter 05 has it

    meanwhile(
        monkeypatch,
        registration,
        "filter_users_by_email",
        lambda: register(anon, username="Carol", email="other@example.com"),
    )
    register(anon)
    usernames = get_user_model().objects.filter(username__iexact="carol")
    assert list(usernames.values_list("username", flat=True)) == ["Carol"]
