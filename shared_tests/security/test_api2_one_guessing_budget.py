"""OWASP API2:2023 Broken Authentication: one password-guessing budget per client address.

SPEC section 4, "One guessing budget": every endpoint of a chapter that checks a
password draws on one `login` budget per client address: each login variant's own
endpoints, the browsable API's login form and the admin's. With a budget per endpoint,
an attacker's guesses per minute grow with the number of doors, so each door here takes
the same wrong guesses and then refuses even the right password.
"""

import pytest

from ..adapters.description import PasswordCheck
from ..conftest import ADAPTERS, PASSWORD

pytestmark = pytest.mark.django_db


def admin_login(client, username, password):
    """Django's admin login form, which every chapter serves (`api.throttles`)."""
    client.get("/admin/login/")  # sets the CSRF cookie the form needs
    form = {"username": username, "password": password}
    return client.post("/admin/login/", form, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)


def password_endpoints():
    """Every endpoint of the chapter that checks a password, once each, by name."""
    checks = {check.name: check for adapter in ADAPTERS for check in adapter.password_checks()}
    checks["admin-login"] = PasswordCheck("admin-login", admin_login)
    return list(checks.values())


ENDPOINTS = password_endpoints()


def statuses(checks, client, password):
    """`{endpoint name: status}` of one attempt with `password` at each of `checks`."""
    return {check.name: check.attempt(client, "alice", password).status_code for check in checks}


def test_one_guess_at_each_password_endpoint_spends_the_budget_of_all(anon, users, rates):
    """API2: a budget of one guess per endpoint, spent one guess per endpoint, is spent."""
    rates["login"] = f"{len(ENDPOINTS)}/minute"
    guessed = statuses(ENDPOINTS, anon, "wrong-guess")
    assert 429 not in guessed.values(), f"a guess within the budget was refused: {guessed}"
    after = statuses(ENDPOINTS, anon, "one-guess-too-many")
    assert after == {check.name: 429 for check in ENDPOINTS}


@pytest.mark.parametrize("spender", ENDPOINTS, ids=[check.name for check in ENDPOINTS])
def test_a_budget_spent_at_one_endpoint_closes_every_other_even_to_the_right_password(
    anon, users, rates, spender
):
    """API2: guesses at one door are counted at all of them."""
    rates["login"] = "3/minute"
    for n in range(3):
        spender.attempt(anon, "alice", f"guess-{n}")
    others = [check for check in ENDPOINTS if check is not spender]
    assert statuses(others, anon, PASSWORD) == {check.name: 429 for check in others}
