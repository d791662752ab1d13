"""OWASP API2:2023 Broken Authentication.

Guessing passwords, sending garbage credentials, and reusing credentials that should
be dead: after a logout, a deactivation or a password change. Each chapter's adapter
names its password endpoints and header schemes; the attacks are the same for all.
"""

import base64
import datetime

import pytest

from ..conftest import PASSWORD

GUESSES = 3


@pytest.fixture
def slow_logins(rates):
    """Every scope at GUESSES per minute, whichever one the endpoint's throttle uses."""
    for scope in rates:
        rates[scope] = f"{GUESSES}/minute"


def guess(password_check, anon, count):
    return [password_check.attempt(anon, "alice", f"guess-{n}").status_code for n in range(count)]


def test_brute_force_on_a_password_endpoint_ends_in_429(
    anon, users, slow_logins, adapter, password_check
):
    """API2: the guess after the limit is refused, whatever its password."""
    codes = guess(password_check, anon, GUESSES + 1)
    assert [code == 429 for code in codes] == [False] * GUESSES + [True]


def test_brute_force_lockout_refuses_the_right_password_too(
    anon, users, slow_logins, adapter, password_check
):
    """API2: a locked-out attacker cannot tell when a guess was right."""
    guess(password_check, anon, GUESSES)
    assert password_check.attempt(anon, "alice", PASSWORD).status_code == 429


def test_brute_force_lockout_survives_a_forged_forwarded_for(
    anon, users, slow_logins, adapter, password_check
):
    """API2: a new X-Forwarded-For is not a new attacker."""
    guess(password_check, anon, GUESSES)
    anon.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.23"
    assert password_check.attempt(anon, "alice", "one-more-guess").status_code == 429


def test_brute_force_lockout_says_when_to_retry(anon, users, slow_logins, adapter, password_check):
    """API2: the 429 tells an honest client how long to wait."""
    guess(password_check, anon, GUESSES)
    response = password_check.attempt(anon, "alice", PASSWORD)
    assert 0 < int(response["Retry-After"]) <= 60


def test_brute_force_budget_is_per_address_not_per_username(
    anon, users, slow_logins, adapter, password_check
):
    """API2: spreading guesses over many usernames does not buy more guesses."""
    for username in ["alice", "manager", "admin"][:GUESSES]:
        password_check.attempt(anon, username, "wrong-guess")
    assert password_check.attempt(anon, "nobody", "wrong-guess").status_code == 429


def test_brute_force_lockout_ends_when_the_window_passes(
    anon, users, slow_logins, adapter, password_check, time_machine
):
    """API2: the lock is a rate, not a ban: a minute later the right password works."""
    time_machine.move_to(datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    guess(password_check, anon, GUESSES + 1)
    time_machine.shift(61)
    assert password_check.attempt(anon, "alice", PASSWORD).status_code in (200, 204, 302)


def test_brute_force_on_the_admin_login_form_ends_in_429(anon, users, slow_logins):
    """API2: Django's own login form checks passwords too."""
    anon.get("/admin/login/")
    token = anon.cookies["csrftoken"].value
    codes = [
        anon.post(
            "/admin/login/",
            {"username": "admin", "password": f"guess-{n}"},
            HTTP_X_CSRFTOKEN=token,
        ).status_code
        for n in range(GUESSES + 1)
    ]
    assert [code == 429 for code in codes] == [False] * GUESSES + [True]


def malformed(scheme):
    """Header values a careless or hostile client might send for `scheme`."""
    return {
        "scheme-only": scheme,
        "trailing-space": f"{scheme} ",
        "blank-credential": f"{scheme}    ",
        "two-credentials": f"{scheme} abc def",
        "spaces-inside": f"{scheme} a b",
        "latin-1": f"{scheme} caf\xe9",
        "utf-8-bytes": f"{scheme} " + "ключ".encode().decode("latin-1"),
        "not-base64": f"{scheme} !!!***",
        "base64-garbage": f"{scheme} " + base64.b64encode(b"\xff\xfe\x00:\x01").decode(),
        "three-dots": f"{scheme} a.b.c",
        "oversized": f"{scheme} " + "A" * 20_000,
        "lowercase-scheme": f"{scheme.lower()} abc",
    }


MALFORMED_NAMES = list(malformed("X"))


@pytest.mark.parametrize("kind", MALFORMED_NAMES)
def test_malformed_credentials_are_a_401(anon, users, scheme, kind):
    """API2: garbage in a header the API reads is a clean 401, never a 500."""
    response = anon.get("/api/secret/", HTTP_AUTHORIZATION=malformed(scheme)[kind])
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/json"


def secret_status(client):
    return client.get("/api/secret/").status_code


def test_deactivated_users_credentials_stop_at_once(login, users):
    """API2: an account switched off is off for every credential already issued."""
    client = login(users["user"])
    users["user"].is_active = False
    users["user"].save()
    assert secret_status(client) == 401


def test_deleted_users_credentials_stop_at_once(login, users):
    """API2: a deleted account's credentials identify nobody."""
    client = login(users["user"])
    users["user"].delete()
    assert secret_status(client) == 401


@pytest.mark.requires("revocable")
def test_credentials_after_logout_are_refused(login, users, adapter):
    """API2: logging out kills the credential itself, not just the client's copy."""
    client = login(users["user"])
    adapter.logout(client)
    assert secret_status(client) == 401


@pytest.mark.requires("password-change-revokes")
def test_credentials_after_a_password_change_are_refused(login, users):
    """API2: changing a password ends the credentials issued under the old one."""
    client = login(users["user"])
    users["user"].set_password("a-brand-new-password-7")
    users["user"].save()
    assert secret_status(client) == 401
