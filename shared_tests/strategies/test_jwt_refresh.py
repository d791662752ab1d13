"""SimpleJWT's refresh (with rotation), verify and blacklist (logout) endpoints."""

import pytest

from ..clock import NOW
from ..tokens import claims
from .jwt_flows import (
    ACCESS_LIFETIME,
    blacklist,
    pair,
    refresh,
    secret,
    token_not_valid,
    verify,
)

pytestmark = [pytest.mark.requires("jwt"), pytest.mark.django_db]

DAY = 24 * 60 * 60


def invalid(detail):
    """The body SimpleJWT's token endpoints answer for a token they refuse."""
    return {"detail": detail, "code": "token_not_valid"}


NO_ACTIVE_ACCOUNT = {"detail": "No active account found for the given token."}


# --- Refresh, with rotation ----------------------------------------------------------------


def test_refresh_answers_a_new_access_and_a_new_refresh_token(anon, users):
    response = refresh(anon, pair(anon)["refresh"])
    assert response.status_code == 200, response.content
    assert sorted(response.json()) == ["access", "refresh"]


def test_refreshed_access_token_authenticates(anon, users):
    access = refresh(anon, pair(anon)["refresh"]).json()["access"]
    assert secret(anon, access).status_code == 200


def test_refresh_rotates_the_refresh_token(anon, users):
    old = pair(anon)["refresh"]
    new = refresh(anon, old).json()["refresh"]
    assert claims(new)["jti"] != claims(old)["jti"]


def test_rotated_refresh_token_can_be_used_once_more(anon, users):
    new = refresh(anon, pair(anon)["refresh"]).json()["refresh"]
    assert refresh(anon, new).status_code == 200


def test_rotation_gives_the_new_refresh_token_a_full_day(anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    old = pair(anon)["refresh"]
    time_machine.shift(60 * 60)
    new = refresh(anon, old).json()["refresh"]
    assert claims(new)["exp"] - claims(old)["exp"] == 60 * 60


def test_access_token_used_as_refresh_token_is_401(anon, users):
    response = refresh(anon, pair(anon)["access"])
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token has wrong type")


def test_garbage_refresh_token_is_401(anon):
    response = refresh(anon, "not-a-token")
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is invalid")


def test_expired_refresh_token_is_401(anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    old = pair(anon)["refresh"]
    time_machine.shift(DAY + 1)
    response = refresh(anon, old)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is expired")


def test_missing_refresh_token_is_a_400(anon):
    response = anon.post("/api/token/refresh/", {}, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"refresh": ["This field is required."]}


def test_deactivated_users_refresh_token_is_401(anon, users):
    token = pair(anon)["refresh"]
    users["user"].is_active = False
    users["user"].save()
    response = refresh(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == NO_ACTIVE_ACCOUNT


def test_deleted_users_refresh_token_is_401_not_500(anon, users):
    token = pair(anon)["refresh"]
    users["user"].delete()
    response = refresh(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == NO_ACTIVE_ACCOUNT


def test_refresh_is_not_counted_as_a_login_attempt(anon, users, rates):
    rates["login"] = "1/minute"
    token = pair(anon)["refresh"]  # spends the whole login budget
    assert refresh(anon, token).status_code == 200


# --- Verify --------------------------------------------------------------------------------


def test_verify_of_an_access_token_is_200_and_empty(anon, users):
    response = verify(anon, pair(anon)["access"])
    assert response.status_code == 200, response.content
    assert response.json() == {}


def test_verify_of_a_refresh_token_is_200_and_empty(anon, users):
    response = verify(anon, pair(anon)["refresh"])
    assert response.status_code == 200, response.content
    assert response.json() == {}


def test_verify_of_garbage_is_401(anon):
    response = verify(anon, "not-a-token")
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is invalid")


def test_verify_of_an_expired_token_is_401(anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    access = pair(anon)["access"]
    time_machine.shift(ACCESS_LIFETIME + 1)
    response = verify(anon, access)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is expired")


def test_verify_of_a_blacklisted_token_is_401_like_any_bad_token(anon, users):
    token = pair(anon)["refresh"]
    blacklist(anon, token)
    response = verify(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is blacklisted")


# --- Blacklist: the logout -----------------------------------------------------------------


def test_blacklist_answers_200_and_empty(anon, users):
    response = blacklist(anon, pair(anon)["refresh"])
    assert response.status_code == 200, response.content
    assert response.json() == {}


def test_blacklisted_refresh_token_cannot_refresh(anon, users):
    token = pair(anon)["refresh"]
    blacklist(anon, token)
    response = refresh(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is blacklisted")


def test_blacklisting_twice_is_401(anon, users):
    token = pair(anon)["refresh"]
    blacklist(anon, token)
    response = blacklist(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is blacklisted")


def test_blacklist_refuses_an_access_token(anon, users):
    response = blacklist(anon, pair(anon)["access"])
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token has wrong type")


def test_logout_leaves_other_sessions_of_the_same_user_alone(anon, users):
    laptop, phone = pair(anon)["refresh"], pair(anon)["refresh"]
    blacklist(anon, laptop)
    assert refresh(anon, phone).status_code == 200


def test_logout_through_the_adapter_ends_refreshing(adapter, login, users):
    client = login(users["user"])
    adapter.logout(client)
    response = refresh(client, adapter.held(client).refresh)
    assert response.status_code == 401, response.content
    assert response.json() == invalid("Token is blacklisted")


# --- The trade-off: logout cannot recall an access token -----------------------------------


def test_access_token_still_works_after_logout(anon, users):
    tokens = pair(anon)
    blacklist(anon, tokens["refresh"])
    assert secret(anon, tokens["access"]).status_code == 200


def test_access_token_stops_working_when_it_expires_after_logout(anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    tokens = pair(anon)
    blacklist(anon, tokens["refresh"])
    time_machine.shift(ACCESS_LIFETIME + 1)
    response = secret(anon, tokens["access"])
    assert response.status_code == 401, response.content
    assert response.json() == token_not_valid("Token is expired")
