"""Djoser's two logins: a JWT pair under /auth/jwt/, a `Token` key under /auth/token/.

Also: every endpoint that checks a secret is throttled, and a URL without its trailing
slash is a JSON 404 that names the right one, never a 500 or a redirect.
"""

import pytest
import time_machine
from django.core.cache import cache

from ..adapters.djoser import token_login as djoser_token_login
from ..clock import NOW
from ..conftest import PASSWORD
from .djoser_flows import NOT_ACTIVE, blacklist, jwt_login, refresh, register

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

BAD_CREDENTIALS = {"detail": "No active account found with the given credentials"}


def pair(client, username="alice"):
    response = jwt_login(client, username)
    assert response.status_code == 200, response.content
    return response.json()


def secret(client, authorization):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=authorization)


def token_login(client, username="alice", password=PASSWORD):
    return djoser_token_login(client, username, password)


def deactivate(user):
    user.is_active = False
    user.save()


# --- JWT: /auth/jwt/create/ ----------------------------------------------------------------


def test_jwt_create_answers_an_access_and_a_refresh_token(anon, users):
    response = jwt_login(anon, "alice")
    assert response.status_code == 200, response.content
    assert sorted(response.json()) == ["access", "refresh"]


@pytest.mark.parametrize("prefix", ["JWT", "Bearer"])
def test_access_token_is_accepted_with_either_prefix(anon, users, prefix):
    response = secret(anon, f"{prefix} {pair(anon)['access']}")
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "Some secret message"}


def test_access_token_with_another_prefix_is_401(anon, users):
    response = secret(anon, f"Basic {pair(anon)['access']}")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_wrong_password_is_401_with_the_simplejwt_message(anon, users):
    response = jwt_login(anon, "alice", "wrong")
    assert response.status_code == 401, response.content
    assert response.json() == BAD_CREDENTIALS


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = jwt_login(anon, "nobody", "wrong")
    wrong = jwt_login(anon, "alice", "wrong")
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


def test_deactivated_user_is_told_the_account_is_not_active(anon, users):
    deactivate(users["user"])
    response = jwt_login(anon, "alice")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": NOT_ACTIVE}


def test_deactivated_users_access_token_is_refused_at_once(anon, users):
    access = pair(anon)["access"]
    deactivate(users["user"])
    response = secret(anon, f"JWT {access}")
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "user_inactive"


@pytest.mark.in_process("moves the test process's clock (time_machine.travel)")
def test_access_token_expires_after_five_minutes(anon, users):
    with time_machine.travel(NOW, tick=False) as clock:
        access = pair(anon)["access"]
        clock.shift(5 * 60 + 1)
        response = secret(anon, f"JWT {access}")
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "token_not_valid"


# --- JWT: refresh, verify, blacklist ------------------------------------------------------


def test_refresh_rotates_both_tokens(anon, users):
    old = pair(anon)["refresh"]
    response = refresh(anon, old)
    assert response.status_code == 200, response.content
    assert sorted(response.json()) == ["access", "refresh"]
    assert response.json()["refresh"] != old


def test_rotated_refresh_token_is_refused(anon, users):
    old = pair(anon)["refresh"]
    refresh(anon, old)
    response = refresh(anon, old)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Token is blacklisted", "code": "token_not_valid"}


def test_refresh_of_a_deleted_users_token_is_401(anon, users):
    token = pair(anon)["refresh"]
    users["user"].delete()
    response = refresh(anon, token)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "No active account found for the given token."}


def test_refresh_of_a_deactivated_users_token_is_401(anon, users):
    token = pair(anon)["refresh"]
    deactivate(users["user"])
    assert refresh(anon, token).status_code == 401


def test_verify_of_a_good_token_is_200_and_empty(anon, users):
    response = anon.post("/auth/jwt/verify/", {"token": pair(anon)["access"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {}


def test_blacklist_answers_200_and_empty(anon, users):
    response = blacklist(anon, pair(anon)["refresh"])
    assert response.status_code == 200, response.content
    assert response.json() == {}


def test_blacklisted_refresh_token_cannot_refresh(anon, users):
    token = pair(anon)["refresh"]
    blacklist(anon, token)
    response = refresh(anon, token)
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "token_not_valid"


def test_verify_of_a_blacklisted_token_is_401(anon, users):
    token = pair(anon)["refresh"]
    blacklist(anon, token)
    response = anon.post("/auth/jwt/verify/", {"token": token}, format="json")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Token is blacklisted", "code": "token_not_valid"}


def test_access_token_outlives_the_logout_until_it_expires(anon, users):
    """The trade-off of stateless tokens: logout retires the refresh token only."""
    tokens = pair(anon)
    blacklist(anon, tokens["refresh"])
    assert secret(anon, f"JWT {tokens['access']}").status_code == 200


# --- Token: /auth/token/login/ and logout/ -------------------------------------------------


def test_token_login_answers_a_key(anon, users):
    response = token_login(anon)
    assert response.status_code == 200, response.content
    assert len(response.json()["auth_token"]) == 40


def test_token_key_authenticates(anon, users):
    key = token_login(anon).json()["auth_token"]
    assert secret(anon, f"Token {key}").status_code == 200


def test_token_login_with_a_wrong_password_is_400(anon, users):
    response = token_login(anon, password="wrong")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_token_login_before_activation_is_refused_with_a_clear_message(anon):
    register(anon)
    response = token_login(anon, "carol")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": [NOT_ACTIVE]}


def test_token_logout_revokes_the_key(anon, users):
    key = token_login(anon).json()["auth_token"]
    logout = anon.post("/auth/token/logout/", HTTP_AUTHORIZATION=f"Token {key}")
    response = secret(anon, f"Token {key}")
    assert logout.status_code == 204, logout.content
    assert response.status_code == 401, response.content


def test_token_logout_anonymous_is_401(anon):
    assert anon.post("/auth/token/logout/").status_code == 401


def test_deactivated_users_key_is_deleted_at_once(anon, users):
    """The key is deleted, not just refused, so re-activating cannot bring it back."""
    key = token_login(anon).json()["auth_token"]
    deactivate(users["user"])
    response = secret(anon, f"Token {key}")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Invalid token."}


# --- Throttling ----------------------------------------------------------------------------


def test_key_logout_is_limited_per_user_apart_from_the_guessing_budget(anon, users, rates):
    """The key logout is the key's "log out everywhere": limited, but never by guesses."""
    from rest_framework.authtoken.models import Token

    rates["login"] = "1/minute"
    key = token_login(anon).json()["auth_token"]  # spends the address's one password check
    first = anon.post("/auth/token/logout/", HTTP_AUTHORIZATION=f"Token {key}")
    assert first.status_code == 204, "the spent guessing budget blocked a logout"
    key = Token.objects.create(user=users["user"]).key
    again = anon.post("/auth/token/logout/", HTTP_AUTHORIZATION=f"Token {key}")
    assert again.status_code == 429, "a second logout within the minute was not limited"


THROTTLED = [
    ("/auth/jwt/create/", {"username": "alice", "password": "wrong"}),
    ("/auth/token/login/", {"username": "alice", "password": "wrong"}),
    ("/auth/users/activation/", {"uid": "MQ", "token": "guess"}),
    ("/auth/users/resend_activation/", {"email": "alice@example.com"}),
    ("/auth/users/reset_password/", {"email": "alice@example.com"}),
    ("/auth/users/reset_password_confirm/", {"uid": "MQ", "token": "x", "new_password": "y"}),
]


@pytest.mark.parametrize(("url", "body"), THROTTLED, ids=[url for url, _ in THROTTLED])
def test_endpoint_that_checks_a_secret_or_sends_mail_is_throttled(anon, users, rates, url, body):
    rates["login"] = "1/minute"
    first = anon.post(url, body, format="json")
    second = anon.post(url, body, format="json")
    assert first.status_code != 429
    assert second.status_code == 429, second.content
    assert "Retry-After" in second


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", "/auth/users/set_password/", {"current_password": "x", "new_password": "y"}),
        ("delete", "/auth/users/me/", {"current_password": "x"}),
        ("patch", "/auth/users/me/", {"email": "new@example.com", "current_password": "x"}),
        ("put", "/auth/users/me/", {"email": "new@example.com", "current_password": "x"}),
    ],
    ids=["set_password", "delete-me", "email-change-patch", "email-change-put"],
)
def test_password_checks_of_a_logged_in_user_are_throttled(login, users, rates, method, url, body):
    client = login(users["user"])
    cache.clear()  # forget the login's own request
    rates["login"] = "1/minute"
    codes = [getattr(client, method)(url, body, format="json").status_code for _ in range(2)]
    assert codes == [400, 429]


def test_reading_your_own_account_is_not_throttled(login, users, rates):
    client = login(users["user"])
    rates["login"] = "1/minute"
    codes = [client.get("/auth/users/me/").status_code for _ in range(3)]
    assert codes == [200, 200, 200]


# --- Trailing slashes ----------------------------------------------------------------------

SLASHLESS = [
    "/auth/jwt/create",
    "/auth/jwt/refresh",
    "/auth/jwt/verify",
    "/auth/jwt/blacklist",
    "/auth/token/login",
    "/auth/token/logout",
    "/auth/users",
    "/auth/users/me",
    "/auth/users/activation",
    "/auth/users/reset_password",
]


@pytest.mark.parametrize("url", SLASHLESS)
def test_post_without_the_trailing_slash_is_a_404_naming_the_url(anon, users, url):
    response = anon.post(url, {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 404, response.content
    assert response.json() == {
        "detail": f"Not found. Did you mean {url}/ (with a trailing slash)?"
    }


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "options"])
def test_any_method_without_the_trailing_slash_is_a_404(anon, method):
    response = getattr(anon, method)("/auth/jwt/create")
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/json"


# --- What the OpenAPI schema promises ------------------------------------------------------


@pytest.fixture
def schema(anon):
    return anon.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


@pytest.mark.parametrize("url", ["create", "refresh", "verify", "blacklist"])
def test_schema_documents_the_401_of_every_jwt_endpoint(schema, url):
    assert "401" in schema["paths"][f"/auth/jwt/{url}/"]["post"]["responses"]


@pytest.mark.parametrize(
    "action",
    [
        "activation",
        "resend_activation",
        "set_password",
        "reset_password",
        "reset_password_confirm",
        "set_username",
    ],
)
def test_schema_documents_204_where_djoser_answers_204(schema, action):
    responses = schema["paths"][f"/auth/users/{action}/"]["post"]["responses"]
    assert "204" in responses
    assert "200" not in responses


@pytest.mark.parametrize("url", ["/auth/users/me/", "/auth/users/{id}/"])
def test_schema_documents_the_password_that_deleting_an_account_takes(schema, url):
    operation = schema["paths"][url]["delete"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    required = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["required"]
    assert required == ["current_password"]
    assert "400" in operation["responses"]


def test_swagger_ui_says_to_type_the_token_prefix(schema):
    """Swagger UI sends what is typed: a bare key shows as "Authorized" and then gets 401."""
    description = schema["components"]["securitySchemes"]["tokenAuth"]["description"]
    assert description.startswith("Type `Token <key>`"), description
