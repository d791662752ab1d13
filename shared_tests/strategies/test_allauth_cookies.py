"""dj-rest-auth's JWT in httpOnly cookies: the flags, CSRF, refresh, logout, Bearer.

A browser logs in at login/ and never sees a token: no JSON body it can read holds one,
and every unsafe request its cookies authenticate, refresh and logout included, needs
the CSRF token. An app logs in at token/ and holds its tokens itself.

The users here are made verified (see the adapter), so every test can log in at once.
"""

import pytest
import time_machine
from django.conf import settings

from ..clock import NOW
from ..conftest import PASSWORD
from ..processes import PRODUCTION_ENV, run_in_chapter
from .allauth_flows import AUTH, log_in, log_in_by_email

pytestmark = [pytest.mark.requires("dj-rest-auth"), pytest.mark.django_db]


def logged_in(client, username="alice"):
    response = log_in(client, username)
    assert response.status_code == 200, response.content
    return response


def csrf(client):
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def refresh(client, **extra):
    """A page script's refresh: the browser adds the cookie, the script the CSRF token."""
    token = client.cookies.get("csrftoken")
    extra = ({"HTTP_X_CSRFTOKEN": token.value} if token else {}) | extra
    return client.post(f"{AUTH}/token/refresh/", **extra)


def cross_site(client, url):
    """A form on another site posting to `url` with the refresh cookie and no CSRF token
    (the access cookie left out, so that only the refresh cookie authenticates)."""
    client.cookies.pop("access", None)
    return client.post(url)


def token_login(client, username="alice"):
    response = client.post(
        f"{AUTH}/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response


def write(client, **extra):
    return client.post("/api/todos/", {"title": "x"}, format="json", **extra)


# --- What the login answers ----------------------------------------------------------------


def test_login_sets_the_access_refresh_and_csrf_cookies(anon, users):
    assert sorted(logged_in(anon).cookies) == ["access", "csrftoken", "refresh"]


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_token_cookie_is_httponly(anon, users, name):
    assert logged_in(anon).cookies[name]["httponly"] is True


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_token_cookie_is_samesite_lax(anon, users, name):
    assert logged_in(anon).cookies[name]["samesite"] == "Lax"


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_token_cookie_is_not_secure_in_development(anon, users, name):
    if settings.PRODUCTION:  # http_production: the server and this process both
        pytest.skip("the chapter runs in production mode, where the flag is on (tested below)")
    assert logged_in(anon).cookies[name]["secure"] == ""


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_token_cookie_is_secure_when_the_setting_is_on(anon, users, monkeypatch, name):
    from dj_rest_auth.app_settings import api_settings  # only chapter 05 installs it

    monkeypatch.setattr(api_settings, "JWT_AUTH_SECURE", True)
    assert logged_in(anon).cookies[name]["secure"] is True


def test_production_mode_turns_the_secure_flag_on():
    """`JWT_AUTH_SECURE` follows production mode (debug off and a real secret key)."""
    code = "import config.settings as s; print(s.REST_AUTH['JWT_AUTH_SECURE'])"
    result = run_in_chapter("-c", code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_refresh_cookie_goes_only_to_the_auth_endpoints(anon, users):
    assert logged_in(anon).cookies["refresh"]["path"] == f"{AUTH}/"


def test_csrf_cookie_is_readable_by_the_page(anon, users):
    assert logged_in(anon).cookies["csrftoken"]["httponly"] == ""


def test_login_body_holds_the_user_and_no_token(anon, users):
    body = logged_in(anon).json()
    assert sorted(body) == ["user"]
    assert body["user"]["username"] == "alice"


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_login_body_does_not_contain_the_token_cookie(anon, users, name):
    response = logged_in(anon)
    assert response.cookies[name].value not in response.content.decode()


def test_login_by_email_sets_the_cookies_too(anon, users):
    response = log_in_by_email(anon, "alice@example.com")
    assert response.status_code == 200, response.content
    assert sorted(response.cookies) == ["access", "csrftoken", "refresh"]


def test_csrf_endpoint_sets_the_csrf_cookie(anon):
    response = anon.get(f"{AUTH}/csrf/")
    assert response.status_code == 200, response.content
    assert list(response.cookies) == ["csrftoken"]


def test_login_without_the_csrf_token_is_403_and_sets_no_cookie(anon, users):
    """Login CSRF: a form on another site would log the browser in as the attacker."""
    body = {"username": "alice", "password": PASSWORD}
    response = anon.post(f"{AUTH}/login/", body, format="json")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF cookie not set."}
    assert list(response.cookies) == []


def test_login_by_a_cross_site_form_is_403(anon, users):
    """The form cannot read the csrftoken cookie, so its field cannot match it."""
    anon.get(f"{AUTH}/csrf/")
    form = {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": "x" * 32}
    response = anon.post(f"{AUTH}/login/", form, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403, response.content
    assert list(response.cookies) == []


@pytest.mark.parametrize("stale", ["", "not-a-token"])
def test_login_with_a_stale_access_cookie_still_logs_in(anon, users, stale):
    """The password is the login's credential: an old cookie must not make it a 401."""
    anon.cookies["access"] = stale
    assert log_in(anon, "alice").status_code == 200


def test_token_login_needs_no_csrf_token(anon, users):
    body = {"username": "alice", "password": PASSWORD}
    assert anon.post(f"{AUTH}/token/", body, format="json").status_code == 200


def test_wrong_password_is_400_and_sets_no_cookie(anon, users):
    response = log_in(anon, "alice", "wrong")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert list(response.cookies) == []


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = log_in(anon, "nobody", "wrong")
    wrong = log_in(anon, "alice", "wrong")
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


# --- Using the cookies ---------------------------------------------------------------------


def test_access_cookie_authenticates(anon, users):
    logged_in(anon)
    response = anon.get("/api/secret/")
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "Some secret message"}


def test_user_endpoint_shows_the_account(anon, users):
    logged_in(anon)
    response = anon.get(f"{AUTH}/user/")
    assert response.status_code == 200, response.content
    assert response.json() == (
        {
            "pk": users["user"].id,
            "username": "alice",
            "email": "alice@example.com",
            "first_name": "",
            "last_name": "",
        }
    )


def test_cookie_write_without_the_csrf_token_is_403(anon, users):
    logged_in(anon)
    response = write(anon)
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}


def test_cookie_write_with_the_csrf_token_succeeds(anon, users):
    logged_in(anon)
    assert write(anon, **csrf(anon)).status_code == 201


def test_csrf_token_from_before_the_login_is_refused(anon, users):
    anon.cookies["csrftoken"] = "a" * 32  # a token planted before the login
    planted = anon.cookies["csrftoken"].value
    logged_in(anon)
    response = write(anon, HTTP_X_CSRFTOKEN=planted)
    assert response.status_code == 403, response.content
    assert anon.cookies["csrftoken"].value != planted


def test_deactivated_users_cookie_is_refused_at_once(anon, users):
    logged_in(anon)
    users["user"].is_active = False
    users["user"].save()
    response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "user_inactive"


@pytest.mark.in_process("moves the test process's clock (time_machine.travel)")
def test_access_cookie_token_expires_after_five_minutes(anon, users):
    with time_machine.travel(NOW, tick=False) as clock:
        logged_in(anon)
        clock.shift(5 * 60 + 1)
        response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "token_not_valid"


# --- The Bearer header ---------------------------------------------------------------------


def bearer(client):
    """Logs in at token/: only the header is sent from now on."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token_login(client).json()['access']}"}


def test_token_login_answers_both_tokens_and_the_user(anon, users):
    body = token_login(anon).json()
    assert sorted(body) == ["access", "refresh", "user"]
    assert body["user"]["username"] == "alice"


def test_token_login_sets_no_cookie(anon, users):
    assert list(token_login(anon).cookies) == []


def test_token_login_with_a_wrong_password_is_400(anon, users):
    response = anon.post(f"{AUTH}/token/", {"username": "alice", "password": "x"}, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_bearer_refresh_answers_new_tokens_in_the_body_and_no_cookie(anon, users):
    old = token_login(anon).json()
    response = anon.post(f"{AUTH}/token/refresh/", {"refresh": old["refresh"]}, format="json")
    body = response.json()
    assert response.status_code == 200, response.content
    assert sorted(body) == ["access", "refresh"]
    assert list(response.cookies) == []
    assert body["refresh"] != old["refresh"], "the refresh token was not rotated"


def test_bearer_logout_with_the_refresh_token_in_the_body_blacklists_it(anon, users):
    token = token_login(anon).json()["refresh"]
    response = anon.post(f"{AUTH}/logout/", {"refresh": token}, format="json")
    replay = anon.post(f"{AUTH}/token/refresh/", {"refresh": token}, format="json")
    assert response.status_code == 200, response.content
    assert replay.status_code == 401, replay.content


def test_bearer_header_authenticates_without_cookies(anon, users):
    response = anon.get("/api/secret/", **bearer(anon))
    assert response.status_code == 200, response.content
    assert response.json() == {"message": "Some secret message"}


def test_bearer_header_needs_no_csrf_token_for_writes(anon, users):
    response = write(anon, **bearer(anon))
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "x"


def test_anonymous_gets_401_with_a_bearer_challenge(anon):
    response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


# --- Refresh and verify --------------------------------------------------------------------


def test_refresh_from_the_cookie_sets_new_cookies(anon, users):
    old = logged_in(anon).cookies
    response = refresh(anon)
    assert response.status_code == 200, response.content
    assert response.cookies["access"].value != old["access"].value
    assert response.cookies["refresh"].value != old["refresh"].value


def test_cookie_refresh_body_holds_no_token(anon, users):
    """An injected script can make the browser refresh, but cannot read what it gets."""
    logged_in(anon)
    response = refresh(anon)
    new = [response.cookies[name].value for name in ("access", "refresh")]
    assert sorted(response.json()) == ["access_expiration"]
    assert [token in str(response.content) for token in new] == [False, False]


def test_cookie_refresh_without_the_csrf_token_is_403(anon, users):
    logged_in(anon)
    response = cross_site(anon, f"{AUTH}/token/refresh/")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}


def test_cookie_logout_without_the_csrf_token_is_403_and_keeps_the_login(anon, users):
    logged_in(anon)
    response = cross_site(anon, f"{AUTH}/logout/")
    assert response.status_code == 403, response.content
    assert refresh(anon).status_code == 200


def forged_form(client, url):
    """A cross-site form with a `refresh` field of its own: the cookies come along, the
    CSRF token cannot."""
    return client.post(url, {"refresh": "x"})  # form-encoded, as an HTML form sends it


def test_cookie_refresh_with_a_refresh_field_in_the_body_still_needs_the_csrf_token(anon, users):
    logged_in(anon)
    response = forged_form(anon, f"{AUTH}/token/refresh/")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}


def test_cookie_logout_with_a_refresh_field_in_the_body_still_needs_the_csrf_token(anon, users):
    logged_in(anon)
    response = forged_form(anon, f"{AUTH}/logout/")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}


def test_forged_logout_deletes_no_cookie(anon, users):
    logged_in(anon)
    assert list(forged_form(anon, f"{AUTH}/logout/").cookies) == []


def test_refused_logout_deletes_no_cookie(anon, users):
    """Even with the CSRF token: a logout that retired nothing leaves the login alone."""
    logged_in(anon)
    response = anon.post(f"{AUTH}/logout/", {"refresh": "x"}, format="json", **csrf(anon))
    assert response.status_code == 401, response.content
    assert list(response.cookies) == []


def test_rotated_refresh_cookie_is_refused(anon, users):
    stale = logged_in(anon).cookies["refresh"].value
    refresh(anon)
    anon.cookies["refresh"] = stale
    response = refresh(anon)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Token is blacklisted", "code": "token_not_valid"}


def test_refresh_without_a_cookie_is_401(anon):
    response = refresh(anon)
    assert response.status_code == 401, response.content
    assert response.json() == {
        "detail": "No valid refresh token found.",
        "code": "token_not_valid",
    }


def test_refresh_of_a_deleted_users_token_is_401(anon, users):
    logged_in(anon)
    users["user"].delete()
    response = refresh(anon)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "No active account found for the given token."}


def test_verify_of_the_access_token_is_200_and_empty(anon, users):
    access = logged_in(anon).cookies["access"].value
    response = anon.post(f"{AUTH}/token/verify/", {"token": access}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {}


# --- Logout --------------------------------------------------------------------------------


def logout(client):
    return client.post(f"{AUTH}/logout/", **csrf(client))


def test_logout_answers_200(anon, users):
    logged_in(anon)
    response = logout(anon)
    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "Successfully logged out."}


@pytest.mark.parametrize("name", ["access", "refresh"])
def test_logout_deletes_the_cookie(anon, users, name):
    logged_in(anon)
    cookie = logout(anon).cookies[name]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


def test_logout_blacklists_the_refresh_token(anon, users):
    token = logged_in(anon).cookies["refresh"].value
    logout(anon)
    anon.cookies["refresh"] = token  # replaying the old cookie does not help
    response = refresh(anon)
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "Token is blacklisted", "code": "token_not_valid"}


def test_logout_needs_the_csrf_token(anon, users):
    logged_in(anon)
    response = anon.post(f"{AUTH}/logout/")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": "CSRF Failed: CSRF token missing."}


def test_logout_by_get_is_405_and_not_offered(anon, users):
    """A logout any page could trigger with an `<img>`: POST only, and `Allow` says so."""
    logged_in(anon)
    response = anon.get(f"{AUTH}/logout/")
    assert response.status_code == 405, response.content
    assert response["Allow"] == "POST, OPTIONS"
    assert refresh(anon).status_code == 200  # still logged in


def test_logout_without_a_refresh_cookie_is_401_and_writes_nothing(anon):
    """dj-rest-auth blacklisted a token it made up on the spot: two rows per request."""
    from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

    response = anon.post(f"{AUTH}/logout/")
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": "No refresh token: send it in the body or in its cookie."}
    assert OutstandingToken.objects.count() == 0


def test_access_token_outlives_the_logout_until_it_expires(anon, users):
    """The trade-off of stateless tokens: a copy of the access token stays valid."""
    access = logged_in(anon).cookies["access"].value
    logout(anon)
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert response.status_code == 200


# --- What the OpenAPI schema promises ------------------------------------------------------


@pytest.fixture
def schema(anon):
    return anon.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_schema_offers_the_access_cookie_and_the_bearer_header(schema):
    schemes = schema["components"]["securitySchemes"]
    assert sorted((s["type"], s.get("in", s.get("scheme"))) for s in schemes.values()) == [
        ("apiKey", "cookie"),
        ("http", "bearer"),
    ]
    assert {s.get("name") for s in schemes.values()} >= {"access"}


def test_schema_documents_logout_as_post_only(schema):
    assert sorted(schema["paths"][f"{AUTH}/logout/"]) == ["post"]


@pytest.mark.parametrize(
    ("url", "status", "fields"),
    [
        ("login/", "200", ["user"]),
        ("token/", "200", ["access", "refresh", "user"]),
        ("registration/", "201", ["detail"]),
        ("registration/verify-email/", "200", ["detail"]),
        ("registration/resend-email/", "200", ["detail"]),
        ("token/refresh/", "200", ["access", "access_expiration", "refresh"]),
    ],
)
def test_schema_documents_the_body_each_endpoint_answers(schema, url, status, fields):
    content = schema["paths"][f"{AUTH}/{url}"]["post"]["responses"][status]["content"]
    name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert sorted(schema["components"]["schemas"][name]["properties"]) == fields


@pytest.mark.parametrize(
    ("url", "status"),
    [("token/refresh/", "401"), ("token/verify/", "401"), ("registration/verify-email/", "404")],
)
def test_schema_documents_the_errors_the_views_cannot_show(schema, url, status):
    assert status in schema["paths"][f"{AUTH}/{url}"]["post"]["responses"]


@pytest.mark.in_process("moves the test process's clock (time_machine.travel)")
def test_logout_with_an_expired_access_cookie_still_logs_out(anon, users):
    """The refresh cookie is logout's credential: a stale access cookie is no obstacle."""
    with time_machine.travel(NOW, tick=False) as clock:
        logged_in(anon)
        clock.shift(5 * 60 + 1)
        response = logout(anon)
    assert response.status_code == 200, response.content
    assert refresh(anon).status_code == 401


@pytest.mark.parametrize("method", ["QUERY", "PUT", "DELETE"])
def test_a_method_the_cookie_login_lacks_is_a_405_even_without_a_csrf_token(anon, method):
    """The login's CSRF check guards its POST; any other method is simply not allowed."""
    response = anon.generic(method, f"{AUTH}/login/")
    assert response.status_code == 405, response.content
