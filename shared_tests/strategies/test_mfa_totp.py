"""Chapter 07: TOTP as a second factor, for both headless clients.

Codes are computed from the secret (RFC 6238, `headless_flows.totp`) with the clock
stopped, so a test knows which 30-second period it is in and never waits for the next.
"""

import datetime

import pytest
import time_machine

from .headless_flows import Headless, flow_ids, logged_in, pending_flows, totp

pytestmark = [
    pytest.mark.requires("headless"),
    pytest.mark.django_db,
    pytest.mark.in_process("the clock of the test process stops, and the TOTP codes follow it"),
]

NOW = datetime.datetime(2026, 6, 1, 12, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def secret(adapter, users, clock):
    """alice's TOTP secret, activated with a first code three periods before NOW, so
    that no code of NOW's window was used yet."""
    clock.shift(-90)
    activated = logged_in(adapter).activate_totp()
    clock.shift(90)
    return activated


def test_activation_needs_a_correct_first_code(adapter, users, clock):
    client = logged_in(adapter)
    offer = client.get("/account/authenticators/totp")
    response = client.post("/account/authenticators/totp", {"code": "000000"})
    assert offer.status_code == 404, offer.content  # none active yet: here is a secret
    assert response.status_code == 400, response.content


def test_password_alone_no_longer_logs_in(adapter, secret):
    response = Headless(adapter).password_login()
    assert response.status_code == 401, response.content
    assert pending_flows(response) == ["mfa_authenticate"]


def test_the_current_code_completes_the_login(adapter, secret):
    client = Headless(adapter)
    client.password_login()
    response = client.second_factor(totp(secret))
    assert response.status_code == 200, response.content
    assert client.secret_status() == 200


def test_the_api_refuses_a_login_between_its_factors(adapter, secret):
    """A password without its code is no login: every API endpoint still says 401."""
    client = Headless(adapter)
    client.password_login()
    assert client.secret_status() == 401
    assert client.get("/api/todos/").status_code == 401
    assert client.get("/api/customers/me/").status_code == 401


def test_a_wrong_code_is_refused(adapter, secret):
    client = Headless(adapter)
    client.password_login()
    response = client.second_factor("123456" if totp(secret) != "123456" else "654321")
    assert response.status_code == 400, response.content
    assert client.secret_status() == 401


def test_the_previous_periods_code_still_works(adapter, secret):
    """MFA_TOTP_TOLERANCE = 1: a code typed at second 29 may arrive at second 31."""
    client = Headless(adapter)
    client.password_login()
    response = client.second_factor(totp(secret, NOW.timestamp() - 30))
    assert response.status_code == 200, response.content


def test_a_code_two_periods_old_is_refused(adapter, secret):
    client = Headless(adapter)
    client.password_login()
    response = client.second_factor(totp(secret, NOW.timestamp() - 60))
    assert response.status_code == 400, response.content


def test_a_code_used_once_is_refused_the_second_time(adapter, secret):
    """A code overheard (or phished) and replayed within its 30 seconds is worthless."""
    first = Headless(adapter)
    first.password_login()
    assert first.second_factor(totp(secret)).status_code == 200
    replay = Headless(adapter)
    replay.password_login()
    response = replay.second_factor(totp(secret))
    assert response.status_code == 400, response.content
    assert replay.secret_status() == 401


def test_code_guesses_spend_the_login_budget(adapter, secret, rates):
    """One guessing budget: the password and the code guesses share the `login` rate."""
    rates["login"] = "3/minute"
    client = Headless(adapter)
    client.password_login()  # 1
    client.second_factor("000000")  # 2
    client.second_factor("111111")  # 3
    response = client.second_factor(totp(secret))
    assert response.status_code == 429, response.content


def test_a_recovery_code_stands_in_for_the_totp_code_once(adapter, secret, users):
    code = logged_in_with_totp(adapter, secret).recovery_codes()[0]
    first = Headless(adapter)
    first.password_login()
    used = first.second_factor(code)
    again = Headless(adapter)
    again.password_login()
    reused = again.second_factor(code)
    assert used.status_code == 200, used.content
    assert reused.status_code == 400, reused.content


def test_turning_totp_off_needs_the_password_again(adapter, secret):
    """Reauthentication: a stolen session alone cannot remove the second factor."""
    client = logged_in_with_totp(adapter, secret)
    refused = client.delete("/account/authenticators/totp")
    client.reauthenticate()
    removed = client.delete("/account/authenticators/totp")
    assert refused.status_code == 401, refused.content
    assert "reauthenticate" in flow_ids(refused)
    assert removed.status_code == 200, removed.content


def test_a_reauthentication_lasts_five_minutes(adapter, secret, clock):
    client = logged_in_with_totp(adapter, secret)
    client.reauthenticate()
    clock.shift(datetime.timedelta(minutes=5, seconds=1))
    response = client.delete("/account/authenticators/totp")
    assert response.status_code == 401, response.content


def logged_in_with_totp(adapter, secret):
    client = Headless(adapter)
    client.password_login()
    response = client.second_factor(totp(secret))
    assert response.status_code == 200, response.content
    return client
