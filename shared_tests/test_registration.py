"""Registration, in the chapters that offer it (04 and 05).

The flows themselves (emails, activation, verification) differ by library and are in
strategies/; what every registration promises is here.
"""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.requires("registration"), pytest.mark.django_db]


def test_registration_says_when_a_username_is_taken(anon, adapter, users):
    """Cannot be hidden: the account could not be created otherwise (see SECURITY.md)."""
    response = adapter.register(anon, username="alice")
    assert response.status_code == 400, response.content
    assert response.json() == {"username": ["A user with that username already exists."]}


@pytest.mark.matrix("registration", "yes")
def test_registration_creates_an_account(anon, adapter):
    response = adapter.register(anon)
    created = get_user_model().objects.filter(username="carol").count()
    assert response.status_code == 201, response.content
    assert created == 1
