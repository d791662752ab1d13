"""The confidential client: client credentials, its secret, and what a token with no
user may do. And the guessing budget every secret check shares."""

import pytest

from ..conftest import PASSWORD
from ..transport import new_client
from . import oauth2_flows as flow

pytestmark = [pytest.mark.requires("oauth2"), pytest.mark.django_db]


@pytest.fixture
def secret(users):
    from accounts.demo_clients import demo_client_secret

    return demo_client_secret()


@pytest.fixture
def service(secret):
    """The confidential client, with its own token (read scope, no user)."""
    answer = flow.client_credentials_token(new_client(), secret)
    assert answer.status_code == 200, answer.content
    assert "refresh_token" not in answer.json()
    return flow.bearer(new_client(), answer.json()["access_token"])


def test_client_credentials_token_reads_the_menu(service):
    assert service.get("/api/menu-items/").status_code == 200
    assert service.get("/api/categories/").status_code == 200


@pytest.mark.parametrize("path", ["/api/todos/", "/api/customers/me/", "/api/secret/"])
def test_client_credentials_token_gets_a_clear_403_on_user_owned_endpoints(service, path):
    response = service.get(path)
    assert response.status_code == 403, response.content
    assert "no user" in response.json()["detail"]


def test_client_credentials_token_cannot_write_the_menu(service):
    response = service.post("/api/menu-items/", {"title": "x", "price": "1.00"}, format="json")
    assert response.status_code == 403, response.content


def test_client_credentials_with_a_wrong_secret_is_refused(users):
    response = flow.client_credentials_token(new_client(), "wrong-secret")
    assert response.status_code == 401, response.content
    assert response.json()["error"] == "invalid_client"


def test_public_client_cannot_use_client_credentials(users):
    fields = {"grant_type": "client_credentials", "client_id": flow.PUBLIC_CLIENT}
    response = flow.form_post(new_client(), flow.TOKEN, fields)
    assert response.status_code in {400, 401}, response.content
    assert "access_token" not in response.json()


def test_client_secret_is_stored_hashed(secret):
    from oauth2_provider.models import get_application_model

    stored = get_application_model().objects.get(client_id=flow.CONFIDENTIAL_CLIENT)
    assert stored.client_secret != secret


def test_tokens_are_stored_as_hashes(users):
    """RFC 9700 section 4: a copy of the database holds no usable token."""
    from oauth2_provider.models import get_access_token_model, get_refresh_token_model

    answer = flow.tokens(new_client(), "alice", PASSWORD)
    access = get_access_token_model().objects.get()
    refresh = get_refresh_token_model().objects.get()
    assert answer["access_token"] not in {access.token, access.token_checksum}
    assert answer["refresh_token"] not in {refresh.token, refresh.token_checksum}


# --- one guessing budget -----------------------------------------------------------------


def test_guessing_the_client_secret_is_throttled(users, rates):
    rates["login"] = "3/minute"
    answers = [flow.client_credentials_token(new_client(), f"guess-{n}") for n in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]


def test_secret_guesses_and_password_guesses_share_one_budget(users, rates):
    rates["login"] = "3/minute"
    for n in range(3):
        flow.client_credentials_token(new_client(), f"guess-{n}")
    response = flow.login_with_code_flow(new_client(), "alice", PASSWORD)
    assert response.status_code == 429, response.content


def test_login_page_is_throttled_with_the_login_budget(users, rates):
    rates["login"] = "2/minute"
    answers = [flow.login_with_code_flow(new_client(), "alice", "wrong") for _ in range(3)]
    assert [a.status_code for a in answers] == [400, 400, 429]


def test_refreshing_spends_no_login_budget(users, rates):
    """A public client's refresh presents no secret; it must not lock its user out."""
    rates["login"] = "2/minute"
    answer = flow.tokens(new_client(), "alice", PASSWORD)  # the login and the exchange
    refreshed = flow.refresh(new_client(), answer["refresh_token"])
    assert refreshed.status_code == 200, refreshed.content
