"""Registration, in the chapters that offer it (04, 05 and 07).

The flows themselves (emails, activation, verification) differ by library and are in
strategies/; what every registration promises is here.
"""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.requires("registration"), pytest.mark.django_db]

TAKEN = "A user with that username already exists."


def taken_messages(body):
    """The username errors of a refused sign-up: DRF's field errors, or headless's list."""
    if "errors" in body:  # allauth headless: [{"message", "code", "param"}]
        return [error["message"] for error in body["errors"] if error["param"] == "username"]
    return body.get("username")


def test_registration_says_when_a_username_is_taken(anon, adapter, users):
    """Cannot be hidden: the account could not be created otherwise (see SECURITY.md)."""
    response = adapter.register(anon, username="alice")
    assert response.status_code == 400, response.content
    assert taken_messages(response.json()) == [TAKEN], response.content


@pytest.mark.matrix("registration", "yes")
def test_registration_creates_an_account(anon, adapter):
    response = adapter.register(anon)
    created = get_user_model().objects.filter(username="carol").count()
    # What a sign-up answers is the description's (`Accounts.created`).
    assert response.status_code == adapter.description.accounts.created, response.content
    assert created == 1
