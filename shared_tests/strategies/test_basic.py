"""HTTP Basic: the password travels with every request, so failures are counted per address."""

import pytest

from ..adapters.basic_session import basic_header as basic
from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("basic"), pytest.mark.django_db]


def secret(client, authorization):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=authorization)


def test_anonymous_gets_401_with_a_basic_challenge(anon):
    response = anon.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Basic realm="api"'


def test_right_password_is_accepted(anon, users):
    assert secret(anon, basic("alice", PASSWORD)).status_code == 200


def test_wrong_password_is_401_with_a_challenge(anon, users):
    response = secret(anon, basic("alice", "wrong"))
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Basic realm="api"'


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = secret(anon, basic("nobody", "wrong"))
    wrong = secret(anon, basic("alice", "wrong"))
    assert unknown.status_code == wrong.status_code, unknown.content
    assert unknown.json() == wrong.json()


def test_successful_requests_do_not_count_towards_the_lockout(anon, users, rates):
    rates["login"] = "2/minute"
    codes = [secret(anon, basic("alice", PASSWORD)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 200]


def test_lockout_is_per_address(anon, users, rates):
    rates["login"] = "1/minute"
    secret(anon, basic("alice", "guess"))
    other = anon.get(
        "/api/secret/", HTTP_AUTHORIZATION=basic("alice", PASSWORD), REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 200


def test_basic_needs_no_csrf_token_for_writes(anon, users):
    response = anon.post(
        "/api/todos/", {"title": "x"}, format="json", HTTP_AUTHORIZATION=basic("alice", PASSWORD)
    )
    assert response.status_code == 201
