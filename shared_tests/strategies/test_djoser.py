"""Djoser: registration, the activation email, and the user's own account.

test_djoser_passwords.py covers password reset and change, test_djoser_logins.py the
JWT and token logins; the steps they share are in djoser_flows.py.
"""

import pytest

from ..conftest import PASSWORD
from .djoser_flows import NOT_ACTIVE, activate, activation_link, carol, jwt_login, register, resend

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]


# --- Registering ---------------------------------------------------------------------------


def test_registration_answers_201_with_the_account_and_names(anon):
    response = register(anon)
    assert response.status_code == 201, response.content
    assert response.json() == (
        {
            "id": carol().id,
            "username": "carol",
            "email": "carol@example.com",
            "first_name": "Carol",
            "last_name": "Jones",
        }
    )


def test_registration_stores_the_names(anon):
    register(anon)
    assert carol().first_name == "Carol"
    assert carol().last_name == "Jones"


def test_new_account_is_inactive(anon):
    register(anon)
    assert carol().is_active is False


def test_registration_refuses_an_email_taken_in_another_case(anon, users):
    response = register(anon, email="ALICE@example.com")
    assert response.status_code == 400, response.content
    assert response.json() == {"email": ["A user with that email already exists."]}


def test_registration_needs_an_email(anon):
    response = register(anon, email="")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["email"]


def test_registration_applies_the_password_validators(anon):
    response = register(anon, password="12345678")
    assert response.status_code == 400, response.content
    assert response.json()["password"] == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]


def test_registration_is_throttled(anon, rates):
    rates["login"] = "1/minute"
    codes = [register(anon, username=f"user{n}", email=f"u{n}@example.com") for n in range(2)]
    assert [response.status_code for response in codes] == [201, 429]


# --- The activation email ------------------------------------------------------------------


def test_registration_sends_one_activation_email_to_the_new_address(anon, mailoutbox):
    register(anon)
    assert [message.to for message in mailoutbox] == [["carol@example.com"]]


def test_activation_email_links_to_the_activation_page(anon, mailoutbox):
    register(anon)
    assert set(activation_link(mailoutbox[0])) == {"uid", "token"}


def test_login_before_activation_is_refused_with_a_clear_message(anon):
    register(anon)
    response = jwt_login(anon)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": NOT_ACTIVE}


def test_wrong_password_before_activation_says_nothing_about_the_account(anon):
    register(anon)
    response = jwt_login(anon, password="wrong")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "No active account found with the given credentials"}


def test_activation_answers_204(anon, mailoutbox):
    register(anon)
    response = activate(anon, **activation_link(mailoutbox[0]))
    assert response.status_code == 204, response.content
    assert response.content == b""


def test_register_activate_from_the_email_then_log_in(anon, mailoutbox):
    register(anon)
    activate(anon, **activation_link(mailoutbox[0]))
    response = jwt_login(anon)
    assert response.status_code == 200, response.content
    assert sorted(response.json()) == ["access", "refresh"]


def test_activation_link_works_only_once(anon, mailoutbox):
    register(anon)
    activate(anon, **activation_link(mailoutbox[0]))
    response = activate(anon, **activation_link(mailoutbox[0]))
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "Stale token for given user."}


def test_tampered_activation_token_is_a_400(anon, mailoutbox):
    register(anon)
    uid = activation_link(mailoutbox[0])["uid"]
    response = activate(anon, uid, "abc-0123456789abcdef")
    assert response.status_code == 400, response.content
    assert response.json() == {"token": ["Invalid token for given user."]}
    assert carol().is_active is False


def test_unknown_uid_is_a_400(anon):
    response = activate(anon, "OTk5OTk", "abc-0123456789abcdef")
    assert response.status_code == 400, response.content
    assert response.json() == {"uid": ["Invalid user id or user doesn't exist."]}


@pytest.mark.parametrize(
    "url",
    ["/auth/users/activation/", "/auth/users/reset_password_confirm/"],
)
@pytest.mark.parametrize("field", ["uid", "token"])
def test_a_number_for_the_uid_or_token_is_a_400_not_a_500(anon, users, url, field):
    """Djoser checked the raw input, so `{"uid": 0}` reached the base64 decoder: a 500."""
    from djoser.utils import encode_uid

    body = {
        "uid": encode_uid(users["user"].pk),
        "token": "abc-0123456789abcdef",
        "new_password": "a-brand-new-passphrase-42",
        "new_username": "bob",
    }
    response = anon.post(url, {**body, field: 12345}, format="json")
    assert response.status_code == 400, response.content
    assert sorted(response.json()) == [field]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("action", ["reset_username", "reset_username_confirm"])
@pytest.mark.parametrize("email", ["alice@example.com", "nobody@example.com"])
def test_username_reset_is_not_routed(client_as, mailoutbox, action, method, email):
    """Unrouted: a registered email got a 500 and an unknown one a 204 (an oracle). The
    URL now answers like any other that names no action and no account: no mail."""
    client = client_as("user")
    send = getattr(client, method)
    response = send(f"/auth/users/{action}/", {"email": email}, format="json")
    unknown_id = send("/auth/users/no_such_action/", {"email": email}, format="json")
    assert response.status_code == unknown_id.status_code, response.content
    assert response.json() == unknown_id.json()
    assert response.status_code != 204, "a 204 would look like a reset that was sent"
    assert mailoutbox == []


def test_resend_activation_mails_a_new_working_link(anon, mailoutbox):
    register(anon)
    resend(anon, "carol@example.com")
    activate(anon, **activation_link(mailoutbox[-1]))
    assert len(mailoutbox) == 2
    assert carol().is_active is True


@pytest.mark.parametrize(
    "email",
    ["nobody@example.com", "alice@example.com"],
    ids=["unknown", "already-active"],
)
def test_resend_answers_alike_whether_or_not_it_sends(anon, users, mailoutbox, email):
    register(anon)
    pending = resend(anon, "carol@example.com")
    other = resend(anon, email)
    assert other.status_code == pending.status_code, other.content
    assert other.content == pending.content
    assert other.status_code == 204, other.content
    assert len(mailoutbox) == 2, "only the registration mail and the one resent to carol"


# --- The account itself --------------------------------------------------------------------


def test_me_shows_the_names(login, users):
    users["user"].first_name, users["user"].last_name = "Alice", "Smith"
    users["user"].save()
    response = login(users["user"]).get("/auth/users/me/")
    assert response.status_code == 200, response.content
    assert response.json() == (
        {
            "id": users["user"].id,
            "username": "alice",
            "email": "alice@example.com",
            "first_name": "Alice",
            "last_name": "Smith",
        }
    )


def test_me_updates_the_names(login, users):
    response = login(users["user"]).patch("/auth/users/me/", {"first_name": "Al"}, format="json")
    users["user"].refresh_from_db()
    assert response.status_code == 200, response.content
    assert users["user"].first_name == "Al"


def test_me_cannot_make_you_staff(login, users):
    login(users["user"]).patch("/auth/users/me/", {"is_staff": True}, format="json")
    users["user"].refresh_from_db()
    assert users["user"].is_staff is False


def test_me_changes_the_email_only_with_the_current_password(login, users, mailoutbox):
    """The email is where resets go: a stolen access token alone must not redirect it."""
    client = login(users["user"])
    response = client.patch("/auth/users/me/", {"email": "mallory@example.com"}, format="json")
    users["user"].refresh_from_db()
    assert response.status_code == 400, response.content
    assert sorted(response.json()) == ["current_password"]
    assert users["user"].email == "alice@example.com"
    assert users["user"].is_active is True
    assert mailoutbox == []


def test_me_refuses_an_email_change_with_a_wrong_password(login, users):
    body = {"email": "new@example.com", "current_password": "not-it"}
    response = login(users["user"]).patch("/auth/users/me/", body, format="json")
    users["user"].refresh_from_db()
    assert response.status_code == 400, response.content
    assert users["user"].email == "alice@example.com"


def test_me_email_change_with_the_password_deactivates_until_confirmed(login, users, mailoutbox):
    body = {"email": "new@example.com", "current_password": PASSWORD}
    response = login(users["user"]).patch("/auth/users/me/", body, format="json")
    users["user"].refresh_from_db()
    assert response.status_code == 200, response.content
    assert users["user"].email == "new@example.com"
    assert users["user"].is_active is False
    assert [message.to for message in mailoutbox] == [["new@example.com"]]


def test_me_put_with_the_same_email_needs_no_password(login, users):
    body = {"email": "alice@example.com", "first_name": "Al", "last_name": "S"}
    response = login(users["user"]).put("/auth/users/me/", body, format="json")
    assert response.status_code == 200, response.content
    assert "current_password" not in response.json()


def test_me_options_describes_the_account_form(login, users):
    """DRF's OPTIONS fetched the object without Djoser's `me` lookup: it was a 500."""
    response = login(users["user"]).options("/auth/users/me/")
    assert response.status_code == 200, response.content
    assert sorted(response.json()["actions"]["PUT"]) == [
        "current_password",
        "email",
        "first_name",
        "id",
        "last_name",
        "username",
    ]


def test_me_options_anonymous_is_401(anon):
    assert anon.options("/auth/users/me/").status_code == 401


def test_me_anonymous_is_401_with_the_challenge(anon, adapter):
    response = anon.get("/auth/users/me/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == adapter.challenge


def test_users_list_shows_only_yourself(login, users):
    response = login(users["user"]).get("/auth/users/")
    assert [user["username"] for user in response.json()["results"]] == ["alice"]


def test_another_users_account_is_404(login, users):
    response = login(users["user"]).get(f"/auth/users/{users['manager'].id}/")
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}


def test_staff_see_every_user(client_as, users):
    response = client_as("admin").get("/auth/users/")
    assert sorted(user["username"] for user in response.json()["results"]) == [
        "admin",
        "alice",
        "manager",
    ]
