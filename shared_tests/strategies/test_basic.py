"""HTTP Basic: the password travels with every request, so failures are counted per address."""

import base64
import datetime

import pytest
import time_machine

from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("basic"), pytest.mark.django_db]


def basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def secret(client, authorization):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=authorization)


def test_anonymous_gets_401_with_a_basic_challenge(anon):
    response = anon.get("/api/secret/")
    assert (response.status_code, response["WWW-Authenticate"]) == (401, 'Basic realm="api"')


def test_right_password_is_accepted(anon, users):
    assert secret(anon, basic("alice", PASSWORD)).status_code == 200


def test_wrong_password_is_401_with_a_challenge(anon, users):
    response = secret(anon, basic("alice", "wrong"))
    assert (response.status_code, response["WWW-Authenticate"]) == (401, 'Basic realm="api"')


def test_unknown_user_answers_like_a_wrong_password(anon, users):
    unknown = secret(anon, basic("nobody", "wrong"))
    wrong = secret(anon, basic("alice", "wrong"))
    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic",
        "Basic !!!not-base64!!!",
        "Basic " + base64.b64encode(b"no-colon-here").decode(),
        "Basic " + base64.b64encode(b"\xff\xfe:\xff").decode(),
        "Basic " + base64.b64encode("ålice:pässword".encode()).decode(),
        "Basic dGVzdDp0ZXN0 extra",
        "Basic " + "A" * 10_000,
    ],
    ids=["empty", "bad-base64", "no-colon", "invalid-utf8", "non-ascii", "extra-part", "huge"],
)
def test_malformed_basic_header_is_401(anon, users, authorization):
    assert secret(anon, authorization).status_code == 401


def test_non_ascii_header_value_is_401(anon, users):
    assert secret(anon, "Basic ünïcode").status_code == 401


def test_deactivated_user_is_refused_at_once(anon, users):
    users["user"].is_active = False
    users["user"].save()
    assert secret(anon, basic("alice", PASSWORD)).status_code == 401


def test_failed_attempts_end_in_429(anon, users, rates):
    rates["login"] = "3/minute"
    codes = [secret(anon, basic("alice", f"guess-{n}")).status_code for n in range(4)]
    assert codes == [401, 401, 401, 429]


def test_lockout_refuses_even_the_right_password(anon, users, rates):
    rates["login"] = "2/minute"
    for n in range(2):
        secret(anon, basic("alice", f"guess-{n}"))
    response = secret(anon, basic("alice", PASSWORD))
    assert (response.status_code, "Retry-After" in response) == (429, True)


def test_lockout_ends_when_the_window_passes(anon, users, rates):
    rates["login"] = "2/minute"
    with time_machine.travel(datetime.datetime(2030, 1, 1, 12, 0), tick=False) as clock:
        for n in range(3):
            secret(anon, basic("alice", f"guess-{n}"))
        clock.shift(61)
        assert secret(anon, basic("alice", PASSWORD)).status_code == 200


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


def test_forged_forwarded_for_does_not_escape_the_lockout(anon, users, rates):
    rates["login"] = "1/minute"
    secret(anon, basic("alice", "guess"))
    response = anon.get(
        "/api/secret/",
        HTTP_AUTHORIZATION=basic("alice", PASSWORD),
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 429


def test_basic_needs_no_csrf_token_for_writes(anon, users):
    response = anon.post(
        "/api/todos/", {"title": "x"}, format="json", HTTP_AUTHORIZATION=basic("alice", PASSWORD)
    )
    assert response.status_code == 201
