"""dj-rest-auth: what only its password reset does, password change; throttles and slashes.

../test_password_reset.py holds what every password reset promises.
"""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ..adapters.allauth import confirm_reset, request_reset, reset_link
from ..conftest import PASSWORD
from .allauth_flows import AUTH, log_in

pytestmark = [
    pytest.mark.requires("dj-rest-auth"),
    pytest.mark.django_db,
    # dj-rest-auth 7.2 reads allauth's deprecated AUTHENTICATION_METHOD while writing the
    # reset email. The chapter silences it in accounts/apps.py; pytest resets warning
    # filters for every test, so it is silenced here too.
    pytest.mark.filterwarnings("ignore:app_settings.AUTHENTICATION_METHOD is deprecated"),
]

NEW_PASSWORD = "a-brand-new-passphrase-42"
RESET_SENT = {"detail": "Password reset e-mail has been sent."}


def reset(client, email="alice@example.com"):
    return request_reset(client, email)


# --- Reset by email ------------------------------------------------------------------------


def test_reset_answers_200_and_mails_a_link(anon, users, mailoutbox):
    response = reset(anon)
    assert response.status_code == 200, response.content
    assert response.json() == RESET_SENT
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_opening_the_reset_link_says_what_to_post(anon, users, mailoutbox):
    reset(anon)
    parts = reset_link(mailoutbox[0])
    response = anon.get(f"{AUTH}/password/reset/confirm/{parts['uid']}/{parts['token']}/")
    assert response.status_code == 200, response.content
    assert response.json() == (
        {
            "detail": "POST uid, token, new_password1 and new_password2 to "
            f"{AUTH}/password/reset/confirm/.",
            **parts,
        }
    )


def test_reset_confirm_says_the_password_has_been_reset(anon, users, mailoutbox):
    reset(anon)
    response = confirm_reset(anon, **reset_link(mailoutbox[0]), new_password=NEW_PASSWORD)
    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "Password has been reset with the new password."}


# --- Changing a known password -------------------------------------------------------------


def change(client, old, new=NEW_PASSWORD):
    body = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post(f"{AUTH}/password/change/", body, format="json")


def test_change_needs_the_old_password(login, users):
    response = change(login(users["user"]), "wrong")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["old_password"]


def test_change_with_the_old_password_sets_the_new_one(login, users, anon):
    response = change(login(users["user"]), PASSWORD)
    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "New password has been saved."}
    assert log_in(anon, "alice", NEW_PASSWORD).status_code == 200


def test_change_starts_no_session(login, users):
    response = change(login(users["user"]), PASSWORD)
    assert "sessionid" not in response.cookies


def test_change_anonymous_is_401(anon):
    assert change(anon, PASSWORD).status_code == 401


def test_change_spends_the_login_budget(login, users, rates):
    client = login(users["user"])
    cache.clear()  # forget the login's own request
    rates["login"] = "1/minute"
    assert [change(client, "wrong").status_code for _ in range(2)] == [400, 429]


def test_change_deletes_the_changers_cookies(login, users):
    """Every login ends, the changer's too: it logs in again with the new password."""
    response = change(login(users["user"]), PASSWORD)
    assert [response.cookies[name].value for name in ("access", "refresh")] == ["", ""]


# --- Throttling and trailing slashes -------------------------------------------------------

# Each endpoint, and the budget it spends: a confirmation checks a one-time token, which is
# a guess like a password; a reset request only sends mail.
THROTTLED = [
    ("password/reset/", {"email": "alice@example.com"}, "dj_rest_auth"),
    ("password/reset/confirm/", {"uid": "1", "token": "x", "new_password1": "y"}, "login"),
]


@pytest.mark.parametrize(("url", "body", "scope"), THROTTLED, ids=[t[0] for t in THROTTLED])
def test_password_endpoint_is_throttled(anon, users, rates, url, body, scope):
    rates[scope] = "1/minute"
    first = anon.post(f"{AUTH}/{url}", body, format="json")
    second = anon.post(f"{AUTH}/{url}", body, format="json")
    assert first.status_code != 429
    assert second.status_code == 429, second.content
    assert "Retry-After" in second


SLASHLESS = [
    "login",
    "logout",
    "user",
    "password/change",
    "password/reset",
    "password/reset/confirm",
    "token/refresh",
    "token/verify",
    "registration",
    "registration/verify-email",
    "registration/resend-email",
]


@pytest.mark.parametrize("url", SLASHLESS)
def test_post_without_the_trailing_slash_is_a_404_naming_the_url(anon, users, url):
    response = anon.post(f"{AUTH}/{url}", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 404, response.content
    assert response.json() == {
        "detail": f"Not found. Did you mean {AUTH}/{url}/ (with a trailing slash)?"
    }


# --- What a new password ends ----------------------------------------------------------------


def tokens_of(client):
    """The access and refresh tokens a cookie login left in `client`."""
    return client.cookies["access"].value, client.cookies["refresh"].value


def secret_with(access):
    """The API's answer to a copy of the access token, sent by someone else."""
    return APIClient().get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {access}")


def refresh_with(refresh):
    """The refresh endpoint's answer to a copy of the refresh token, sent by someone else."""
    return APIClient().post(f"{AUTH}/token/refresh/", {"refresh": refresh}, format="json")


def test_tokens_work_before_a_password_change(anon, users):
    """The baseline for the two tests below: a copy of both tokens works."""
    log_in(anon, "alice")
    access, refresh = tokens_of(anon)
    assert secret_with(access).status_code == 200
    assert refresh_with(refresh).status_code == 200


def test_change_ends_every_token_issued_before_it_at_once(anon, users):
    log_in(anon, "alice")
    copied = tokens_of(anon)
    anon.credentials(HTTP_X_CSRFTOKEN=anon.cookies["csrftoken"].value)
    assert change(anon, PASSWORD).status_code == 200
    access, refresh = copied
    assert secret_with(access).status_code == 401, "the access token outlived the new password"
    assert refresh_with(refresh).status_code == 401, "the refresh token outlived the new password"


def test_reset_ends_every_token_issued_before_it_at_once(anon, users, mailoutbox):
    log_in(anon, "alice")
    copied = tokens_of(anon)
    reset(APIClient())
    confirmed = confirm_reset(APIClient(), **reset_link(mailoutbox[-1]), new_password=NEW_PASSWORD)
    assert confirmed.status_code == 200
    access, refresh = copied
    assert secret_with(access).status_code == 401, "the access token outlived the new password"
    assert refresh_with(refresh).status_code == 401, "the refresh token outlived the new password"


# --- One guessing budget -------------------------------------------------------------------

KEY_CHECKS = {
    "verify-email": ("registration/verify-email/", {"key": "MQ:guess"}),
    "reset-confirm": ("password/reset/confirm/", {"uid": "1", "token": "x", "new_password1": "y"}),
}


@pytest.mark.parametrize("name", KEY_CHECKS)
def test_wrong_passwords_at_the_login_close_the_endpoints_that_check_a_key(
    anon, users, rates, name
):
    """A key or a reset token is guessed like a password, from the same budget."""
    rates["login"] = "2/minute"
    for n in range(2):
        log_in(anon, "alice", f"guess-{n}")
    url, body = KEY_CHECKS[name]
    assert anon.post(f"{AUTH}/{url}", body, format="json").status_code == 429


def test_wrong_passwords_at_the_login_close_the_password_change(login, users, rates):
    client = login(users["user"])
    cache.clear()  # forget the login's own request
    rates["login"] = "2/minute"
    for n in range(2):
        log_in(APIClient(), "alice", f"guess-{n}")  # from the same address
    assert change(client, PASSWORD).status_code == 429
