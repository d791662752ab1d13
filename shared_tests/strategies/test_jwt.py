"""SimpleJWT: a password buys a signed access token (minutes) and a refresh token (a day).

This file covers logging in and using the access token; test_jwt_refresh.py covers the
refresh, verify and blacklist endpoints. Tokens are forged with the standard library
only, so that this module still imports in chapters without PyJWT.
"""

import hashlib
import hmac

import pytest
from django.conf import settings

from ..clock import NOW
from ..processes import run_in_chapter
from ..tokens import b64url, claims, segment
from .jwt_flows import ACCESS_LIFETIME, obtain, pair, secret

pytestmark = [pytest.mark.requires("jwt"), pytest.mark.django_db]

CHALLENGE = 'Bearer realm="api"'
BAD_CREDENTIALS = {"detail": "No active account found with the given credentials"}
# --- Obtaining a pair ----------------------------------------------------------------------


def test_anonymous_gets_401_with_a_bearer_challenge(anon):
    response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == CHALLENGE


def test_right_password_answers_an_access_and_a_refresh_token(anon, users):
    response = obtain(anon)
    assert response.status_code == 200, response.content
    assert sorted(response.json()) == ["access", "refresh"]


def test_access_token_authenticates(anon, users):
    response = secret(anon, pair(anon)["access"])
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "Some secret message"}


def test_access_token_identifies_its_user(anon, users):
    access = pair(anon)["access"]
    response = anon.get("/api/customers/me/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert response.status_code == 200, response.content
    assert response.json()["user_id"] == users["user"].id


def test_access_token_header_names_hs256(anon, users):
    assert segment(pair(anon)["access"], 0) == {"alg": "HS256", "typ": "JWT"}


def test_access_token_claims(anon, users):
    payload = claims(pair(anon)["access"])
    # `gen`: the user's generation; `fam`: the login (accounts/jwt_revocation.py).
    assert sorted(payload) == ["exp", "fam", "gen", "iat", "jti", "token_type", "user_id"]
    assert payload["token_type"] == "access"
    assert payload["user_id"] == str(users["user"].id)


def test_access_token_lives_five_minutes(anon, users, time_machine):
    # SimpleJWT dates an access token's `exp` from its refresh token's making and its
    # `iat` from its own, a few milliseconds later: a stopped clock keeps a second
    # boundary from falling between the two.
    time_machine.move_to(NOW, tick=False)
    payload = claims(pair(anon)["access"])
    assert payload["exp"] - payload["iat"] == ACCESS_LIFETIME


def test_refresh_token_lives_one_day(anon, users):
    payload = claims(pair(anon)["refresh"])
    assert payload["token_type"] == "refresh"
    assert (payload["exp"] - payload["iat"]) == (24 * 60 * 60)


def test_tokens_are_signed_with_the_configured_key(anon, users):
    access = pair(anon)["access"]
    header_and_payload, signature = access.rsplit(".", 1)
    key = settings.SIMPLE_JWT["SIGNING_KEY"].encode()
    expected = hmac.new(key, header_and_payload.encode(), hashlib.sha256).digest()
    assert signature == b64url(expected)


def test_signing_key_comes_from_jwt_signing_key(users):
    # 50 characters or more: a shorter JWT_SIGNING_KEY stops start-up.
    key = "a-separate-key-for-signing-tokens-only-0123456789abcdef"
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.SIMPLE_JWT['SIGNING_KEY'])"
    result = run_in_chapter(
        "-c", code, DJANGO_SETTINGS_MODULE="config.settings", JWT_SIGNING_KEY=key
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a-separate-key-for-signing-tokens-only-0123456789abcdef"


def test_login_sets_no_cookie(anon, users):
    obtain(anon)
    assert list(anon.cookies) == []


def test_access_token_needs_no_csrf_token_for_writes(anon, users):
    response = anon.post(
        "/api/todos/",
        {"title": "x"},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {pair(anon)['access']}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "x"


# --- Refusing a login ----------------------------------------------------------------------


def test_wrong_password_is_401_with_the_documented_message(anon, users):
    response = obtain(anon, password="wrong")
    assert response.status_code == 401, response.content
    assert response.json() == BAD_CREDENTIALS


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = obtain(anon, username="nobody", password="wrong")
    wrong = obtain(anon, password="wrong")
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


def test_deactivated_user_cannot_log_in(anon, users):
    users["user"].is_active = False
    users["user"].save()
    response = obtain(anon)
    assert response.status_code == 401, response.content
    assert response.json() == BAD_CREDENTIALS


def test_missing_password_is_a_400_on_password(anon, users):
    response = anon.post("/api/token/", {"username": "alice"}, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"password": ["This field is required."]}


def test_deeply_nested_json_login_is_a_400(anon):
    body = "[" * 100_000 + "]" * 100_000
    response = anon.post("/api/token/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"][:16] == "JSON parse error"


@pytest.mark.parametrize("path", ["/api/token", "/api/token/refresh", "/api/token/blacklist"])
def test_slashless_token_url_is_a_json_404_naming_the_right_one(anon, path):
    response = anon.post(path, {"refresh": "x"}, format="json")
    assert response.status_code == 404, response.content
    assert response.json() == {
        "detail": f"Not found. Did you mean {path}/ (with a trailing slash)?"
    }


# --- Throttling the password check ---------------------------------------------------------


# --- Access tokens that must be refused ----------------------------------------------------


def test_access_token_works_until_just_before_expiry(anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)  # frozen: only shift() moves it
    access = pair(anon)["access"]
    time_machine.shift(ACCESS_LIFETIME - 1)
    assert secret(anon, access).status_code == 200


def test_deactivated_users_access_token_is_refused_at_once(anon, users):
    access = pair(anon)["access"]
    users["user"].is_active = False
    users["user"].save()
    response = secret(anon, access)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "User is inactive", "code": "user_inactive"}


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-jwt", "Bearer eyJ.eyJ.sig"],
    ids=["not-a-jwt", "not-json-segments"],
)
def test_bearer_value_that_is_no_jwt_is_401(anon, users, authorization):
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == CHALLENGE


def test_other_prefixes_are_not_accepted(anon, users):
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=f"JWT {pair(anon)['access']}")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Authentication credentials were not provided."}
