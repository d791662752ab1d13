"""Password reset by email, in the chapters that offer it (04 and 05).

The endpoints, payloads and messages differ by library: the login descriptions
(adapters/djoser.py, adapters/allauth.py) say what each answers, and strategies/ tests
what only one library does; what every password reset promises is here.
"""

import pytest

from .conftest import PASSWORD

pytestmark = [
    pytest.mark.requires("password-reset"),
    pytest.mark.django_db,
    # dj-rest-auth 7.2 (chapter 05) reads allauth's deprecated AUTHENTICATION_METHOD while
    # writing the reset email. The chapter silences it in accounts/apps.py; pytest resets
    # warning filters for every test, so it is silenced here too.
    pytest.mark.filterwarnings("ignore:app_settings.AUTHENTICATION_METHOD is deprecated"),
]

NEW_PASSWORD = "a-brand-new-passphrase-42"


def test_reset_then_confirm_from_the_email_sets_the_new_password(anon, adapter, users, mailoutbox):
    adapter.request_reset(anon, "alice@example.com")
    response = adapter.confirm_reset(anon, mailoutbox[0], NEW_PASSWORD)
    logged_in = adapter.login_attempt(anon, "alice", NEW_PASSWORD)
    assert response.status_code == adapter.description.accounts.reset.status, response.content
    assert logged_in.status_code == 200, logged_in.content


def test_old_password_fails_after_a_reset(anon, adapter, users, mailoutbox):
    adapter.request_reset(anon, "alice@example.com")
    adapter.confirm_reset(anon, mailoutbox[0], NEW_PASSWORD)
    response = adapter.login_attempt(anon, "alice", PASSWORD)
    assert response.status_code == adapter.wrong_password_status, response.content


def test_reset_link_works_only_once(anon, adapter, users, mailoutbox):
    adapter.request_reset(anon, "alice@example.com")
    adapter.confirm_reset(anon, mailoutbox[0], NEW_PASSWORD)
    response = adapter.confirm_reset(anon, mailoutbox[0], "yet-another-phrase-7")
    assert response.status_code == 400, response.content
    assert response.json() == adapter.description.accounts.reset.reused


def test_reset_confirm_applies_the_password_validators(anon, adapter, users, mailoutbox):
    adapter.request_reset(anon, "alice@example.com")
    response = adapter.confirm_reset(anon, mailoutbox[0], "password")
    assert response.status_code == 400, response.content
    field = adapter.description.accounts.new_password_errors
    assert response.json() == {field: ["This password is too common."]}


def test_reset_answers_alike_for_known_and_unknown_emails(anon, adapter, users):
    """Otherwise the reset form tells anyone which emails have accounts."""
    known = adapter.request_reset(anon, "alice@example.com")
    unknown = adapter.request_reset(anon, "nobody@example.com")
    assert unknown.status_code == known.status_code, unknown.content
    assert unknown.content == known.content


def test_reset_for_an_unknown_email_sends_nothing(anon, adapter, users, mailoutbox):
    adapter.request_reset(anon, "nobody@example.com")
    assert mailoutbox == []
