"""Djoser: an emailed link is redeemed at most once (SPEC section 4, "At most once").

An activation link cannot switch back on an account that staff deactivated after using
it, and a reset link sets one password, also when a copy of it is confirmed while the
first confirm is still between its check and its write (04's accounts/links.py). Real
parallel confirms through gunicorn are in shared_tests/production/.
"""

import pytest
from django.contrib.auth import get_user_model

from ..adapters.djoser import (
    activate,
    jwt_create,
    register,
    request_reset,
    reset_link,
    token_login,
)
from ..conftest import PASSWORD
from ..credentials import same_credentials, secret_status

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

STALE = {"detail": "Stale token for given user."}
USED = {"token": ["Invalid token for given user."]}
NEW_PASSWORD = "a-brand-new-passphrase-42"


def carol():
    return get_user_model().objects.get(username="carol")


def deactivate(user):
    user.is_active = False
    user.save()


def confirm(client, link, new_password=NEW_PASSWORD):
    body = {**link, "new_password": new_password}
    return client.post("/auth/users/reset_password_confirm/", body, format="json")


@pytest.fixture
def interleaved(monkeypatch, anon):
    """`interleaved(module, name, request)` patches `module.name`, the step that writes, so
    that the first request reaching it waits there while `request()` runs to the end:
    what happens when two copies arrive together. Answers the inner request's response."""
    inner = {}

    def patch(module, name, send):
        original = getattr(module, name)

        def first_waits(*args, **kwargs):
            monkeypatch.setattr(module, name, original)
            inner["response"] = send()
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, first_waits)
        return inner

    return patch


# --- Activation ----------------------------------------------------------------------------


def test_activation_link_cannot_undo_a_deactivation_by_staff(anon, mailoutbox):
    register(anon)
    activate(anon, mailoutbox[0])
    deactivate(carol())
    response = activate(anon, mailoutbox[0])
    assert response.status_code == 403, response.content
    assert response.json() == STALE
    assert carol().is_active is False, "the old link switched the account back on"


def test_resend_activation_sends_nothing_to_an_account_staff_deactivated(anon, mailoutbox):
    register(anon)
    activate(anon, mailoutbox[0])
    deactivate(carol())
    response = anon.post(
        "/auth/users/resend_activation/", {"email": "carol@example.com"}, format="json"
    )
    assert response.status_code == 204, "only the registration mail"
    assert len(mailoutbox) == 1, "only the registration mail"


def test_activation_link_confirmed_twice_at_once_activates_once(anon, mailoutbox, interleaved):
    from accounts import links

    register(anon)
    second = interleaved(links, "activate_once", lambda: activate(anon, mailoutbox[0]))
    first = activate(anon, mailoutbox[0])
    assert sorted([first.status_code, second["response"].status_code]) == [204, 403]


def test_a_changed_email_gets_a_working_activation_link(login, users, anon, mailoutbox):
    body = {"email": "new@example.com", "current_password": PASSWORD}
    login(users["user"]).patch("/auth/users/me/", body, format="json")
    response = activate(anon, mailoutbox[0])
    users["user"].refresh_from_db()
    assert response.status_code == 204, response.content
    assert users["user"].is_active is True


# --- Password reset ------------------------------------------------------------------------


def test_reset_link_confirmed_twice_at_once_sets_one_password(
    anon, users, mailoutbox, interleaved
):
    from accounts import links

    request_reset(anon, "alice@example.com")
    link = reset_link(mailoutbox[0])
    second = interleaved(
        links, "reset_password_once", lambda: confirm(anon, link, "the-second-phrase-42")
    )
    first = confirm(anon, link, "the-first-phrase-42")
    assert second["response"].status_code == 204
    assert first.status_code == 400, first.content
    assert first.json() == USED
    assert jwt_create(anon, "alice", "the-second-phrase-42").status_code == 200


def test_reset_link_dies_when_the_user_logs_in_with_a_jwt(anon, users, mailoutbox):
    request_reset(anon, "alice@example.com")
    jwt_create(anon, "alice", PASSWORD)
    response = confirm(anon, reset_link(mailoutbox[0]))
    assert response.status_code == 400, response.content
    assert response.json() == USED


def test_reset_link_dies_when_the_user_logs_in_for_a_token(anon, users, mailoutbox):
    request_reset(anon, "alice@example.com")
    token_login(anon, "alice", PASSWORD)
    response = confirm(anon, reset_link(mailoutbox[0]))
    assert response.status_code == 400, response.content
    assert response.json() == USED


def test_a_reset_ends_every_credential_from_before_it(adapter, login, users, anon, mailoutbox):
    stolen = same_credentials(login(users["user"]))
    request_reset(anon, "alice@example.com")
    confirm(anon, reset_link(mailoutbox[0]))
    assert secret_status(stolen) == 401, "a credential from before the reset still works"


def test_set_password_ends_every_credential_from_before_it(adapter, login, users):
    client = login(users["user"])
    stolen = same_credentials(login(users["user"]))
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    client.post("/auth/users/set_password/", body, format="json")
    assert secret_status(stolen) == 401, "a credential from before the change still works"


# --- Nothing tells who has an account ------------------------------------------------------


@pytest.mark.parametrize("url", ["/auth/users/reset_password/", "/auth/users/resend_activation/"])
@pytest.mark.parametrize(
    "email",
    ["carol@example.com", "alice@example.com", "CAROL@EXAMPLE.COM", "nobody@example.com"],
    ids=["pending", "active", "pending-other-case", "unknown"],
)
def test_emailed_link_requests_answer_alike_for_every_kind_of_account(
    anon, users, mailoutbox, url, email
):
    """Reset mails only an active account, resend only one waiting for its link; the
    answer never says which, whatever the account's state or the address's case."""
    register(anon)
    baseline = anon.post(url, {"email": "nobody@example.com"}, format="json")
    response = anon.post(url, {"email": email}, format="json")
    assert response.status_code == baseline.status_code, response.content
    assert response.content == baseline.content
    assert response.status_code == 204, response.content
