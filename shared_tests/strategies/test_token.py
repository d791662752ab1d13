"""DRF's authtoken: one key per user, handed out for a password and sent on every request."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from ..adapters.token import TOKEN_URL, obtain_token
from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("token"), pytest.mark.django_db]

BAD_CREDENTIALS = {"non_field_errors": ["Unable to log in with provided credentials."]}


def obtain(client, username="alice", password=PASSWORD, **extra):
    return obtain_token(client, username, password, **extra)


def key_of(client, username="alice"):
    return obtain(client, username).json()["token"]


def secret(client, key):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=f"Token {key}")


def revoke(client, key):
    return client.delete(TOKEN_URL, HTTP_AUTHORIZATION=f"Token {key}")


# --- Obtaining a key -----------------------------------------------------------------------


def test_anonymous_gets_401_with_a_token_challenge(anon):
    response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"


def test_right_password_answers_the_users_key(anon, users):
    response = obtain(anon)
    assert response.status_code == 200, response.content
    assert response.json() == {"token": Token.objects.get(user=users["user"]).key}


def test_key_is_40_hex_characters(anon, users):
    assert re.fullmatch(r"[0-9a-f]{40}", key_of(anon))


def test_form_encoded_login_works_too(anon, users):
    response = anon.post(TOKEN_URL, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200, response.content
    assert list(response.json()) == ["token"]


def test_key_authenticates(anon, users):
    response = secret(anon, key_of(anon))
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "Some secret message"}


def test_key_identifies_its_user(anon, users):
    response = anon.get("/api/customers/me/", HTTP_AUTHORIZATION=f"Token {key_of(anon)}")
    assert response.status_code == 200, response.content
    assert response.json()["user_id"] == users["user"].id


def test_logging_in_twice_answers_the_same_key(anon, users):
    assert key_of(anon) == key_of(anon)


def test_login_sets_no_cookie(anon, users):
    obtain(anon)
    assert list(anon.cookies) == []


def test_key_needs_no_csrf_token_for_writes(anon, users):
    response = anon.post(
        "/api/todos/", {"title": "x"}, format="json", HTTP_AUTHORIZATION=f"Token {key_of(anon)}"
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "x"


# --- Refusing a login ----------------------------------------------------------------------


def test_wrong_password_is_400_with_the_documented_message(anon, users):
    response = obtain(anon, password="wrong")
    assert response.status_code == 400, response.content
    assert response.json() == BAD_CREDENTIALS


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = obtain(anon, username="nobody", password="wrong")
    wrong = obtain(anon, password="wrong")
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


def test_missing_password_is_a_400_on_password(anon, users):
    response = anon.post(TOKEN_URL, {"username": "alice"}, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"password": ["This field is required."]}


def test_failed_login_creates_no_key(anon, users):
    obtain(anon, password="wrong")
    assert not Token.objects.filter(user=users["user"]).exists()


def test_deeply_nested_json_login_is_a_400(anon):
    body = "[" * 100_000 + "]" * 100_000
    response = anon.post(TOKEN_URL, data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"][:16] == "JSON parse error"


def test_get_on_the_token_endpoint_is_405(anon):
    response = anon.get(TOKEN_URL)
    assert response.status_code == 405, response.content
    assert response.json() == {"detail": 'Method "GET" not allowed.'}


def test_slashless_token_url_is_a_json_404_naming_the_right_one(anon, users):
    response = anon.post(TOKEN_URL.rstrip("/"), {"username": "alice"}, format="json")
    assert response.status_code == 404, response.content
    assert response.json() == {
        "detail": f"Not found. Did you mean {TOKEN_URL} (with a trailing slash)?"
    }


# --- Revoking a key (logout) ---------------------------------------------------------------


def test_delete_answers_204_with_no_body(anon, users):
    response = revoke(anon, key_of(anon))
    assert response.status_code == 204, response.content
    assert response.content == b""


def test_delete_removes_the_key_from_the_database(anon, users):
    revoke(anon, key_of(anon))
    assert not Token.objects.filter(user=users["user"]).exists()


def test_revoked_key_gets_401(anon, users):
    key = key_of(anon)
    revoke(anon, key)
    response = secret(anon, key)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Invalid token."}


def test_delete_without_a_key_is_401_with_a_challenge(anon):
    response = anon.delete(TOKEN_URL)
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"


def test_delete_leaves_other_users_keys_alone(anon, users):
    managers_key = key_of(anon, "manager")
    revoke(anon, key_of(anon))
    assert secret(anon, managers_key).status_code == 200


def test_login_after_logout_answers_a_new_key(anon, users):
    old = key_of(anon)
    revoke(anon, old)
    new = key_of(anon)
    assert secret(anon, new).status_code == 200
    assert new != old


# --- Throttling the password check ---------------------------------------------------------


def test_logout_is_not_counted_as_a_login_attempt(anon, users, rates):
    rates["login"] = "1/minute"
    key = key_of(anon)  # spends the whole login budget
    assert revoke(anon, key).status_code == 204


def test_logout_is_limited_per_user_to_the_login_rate(anon, users, rates):
    """Each key comes from its own address, so only the per-user limit can refuse."""
    rates["login"] = "2/minute"
    codes = []
    for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"]:
        key = obtain(anon, REMOTE_ADDR=address).json()["token"]
        codes.append(revoke(anon, key).status_code)
    assert codes == [204, 204, 429]


# --- The OpenAPI schema: what Swagger UI's Authorize dialog says ---------------------------


def test_schema_says_to_type_the_token_prefix_in_swagger_ui(anon):
    schema = anon.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    description = schema["components"]["securitySchemes"]["tokenAuth"]["description"]
    assert description.startswith("Type `Token <key>`"), description


# --- Keys made elsewhere: the management command and the admin -----------------------------


def drf_create_token(*args):
    out = io.StringIO()
    call_command("drf_create_token", *args, stdout=out)
    return out.getvalue().strip()


def test_drf_create_token_prints_the_users_key(users):
    output = drf_create_token("alice")
    key = Token.objects.get(user=users["user"]).key
    assert output == f"Generated token {key} for user alice"


def test_drf_create_token_key_authenticates(anon, users):
    key = drf_create_token("alice").split()[2]
    assert secret(anon, key).status_code == 200


def test_drf_create_token_reset_retires_the_old_key(anon, users):
    old = key_of(anon)
    drf_create_token("-r", "alice")
    assert secret(anon, old).status_code == 401


def test_tokens_are_listed_in_the_admin(anon, users):
    key = key_of(anon)
    browser = Client()
    logged_in = browser.post(
        "/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/admin/"}
    )
    assert logged_in.status_code == 302, logged_in.content
    page = browser.get("/admin/authtoken/tokenproxy/")
    assert page.status_code == 200, page.content
    assert key in page.content.decode()


# --- Keys that are not (or no longer) good -------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    ["Token 0123456789abcdef0123456789abcdef01234567", "Token " + "a" * 41],
    ids=["unknown-key", "one-too-long"],
)
def test_unknown_or_overlong_key_is_401(anon, users, authorization):
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"


def test_deactivated_users_key_is_refused_at_once(anon, users):
    """The key is deleted, not only refused, so re-activation cannot revive it."""
    key = key_of(anon)
    users["user"].is_active = False
    users["user"].save()
    response = secret(anon, key)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Invalid token."}


def test_deactivation_deletes_the_key(anon, users):
    key_of(anon)
    users["user"].is_active = False
    users["user"].save()
    assert not Token.objects.filter(user=users["user"]).exists()


def test_password_change_deletes_the_key(anon, users):
    key_of(anon)
    users["user"].set_password("a-brand-new-password-7")
    users["user"].save()
    assert not Token.objects.filter(user=users["user"]).exists()


def test_saving_the_user_without_a_password_change_keeps_the_key(anon, users):
    key = key_of(anon)
    users["user"].first_name = "Alice"
    users["user"].save()
    assert secret(anon, key).status_code == 200


def test_deactivated_user_cannot_obtain_a_key(anon, users):
    users["user"].is_active = False
    users["user"].save()
    response = obtain(anon)
    assert response.status_code == 400, response.content
    assert response.json() == BAD_CREDENTIALS


def test_other_schemes_are_not_accepted(anon, users):
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {key_of(anon)}")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Authentication credentials were not provided."}
