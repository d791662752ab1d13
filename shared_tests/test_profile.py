"""`/api/customers/me/`: the caller's own profile, created on first access."""

import datetime

import pytest

from api.models import Customer


@pytest.fixture
def alice(client_as):
    return client_as("user")


def test_first_get_creates_the_profile(alice, users):
    alice.get("/api/customers/me/")
    assert Customer.objects.filter(user=users["user"]).count() == 1


def test_profile_shape(alice, users):
    response = alice.get("/api/customers/me/")
    assert response.data == {"user_id": users["user"].id, "phone": "", "birth_date": None}


def test_second_get_reuses_the_profile(alice, users):
    alice.get("/api/customers/me/")
    alice.get("/api/customers/me/")
    assert Customer.objects.filter(user=users["user"]).count() == 1


def test_put_updates_the_profile(alice, users):
    alice.put(
        "/api/customers/me/",
        {"phone": "+1 (555) 010-0", "birth_date": "1990-05-17"},
        format="json",
    )
    customer = Customer.objects.get(user=users["user"])
    assert customer.phone == "+1 (555) 010-0"
    assert customer.birth_date == datetime.date(1990, 5, 17)


def test_patch_changes_only_the_given_field(alice, users):
    alice.put("/api/customers/me/", {"phone": "555", "birth_date": "1990-05-17"}, format="json")
    alice.patch("/api/customers/me/", {"phone": "556"}, format="json")
    assert Customer.objects.get(user=users["user"]).birth_date == datetime.date(1990, 5, 17)


def test_user_id_is_read_only(alice, users):
    other = users["manager"]
    response = alice.patch("/api/customers/me/", {"user_id": other.id}, format="json")
    assert response.data["user_id"] == users["user"].id


@pytest.mark.parametrize(
    "phone",
    ["call me", "555-0100 ext. 2", "5" * 21, "\u0665\u0665\u0665"],  # last: Arabic-Indic digits
)
def test_invalid_phone_is_a_400(alice, phone):
    response = alice.patch("/api/customers/me/", {"phone": phone}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.data) == ["phone"]


def test_future_birth_date_is_a_400(alice):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = alice.patch(
        "/api/customers/me/", {"birth_date": tomorrow.isoformat()}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.data) == ["birth_date"]


def test_malformed_birth_date_is_a_400(alice):
    response = alice.patch("/api/customers/me/", {"birth_date": "17/05/1990"}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.data) == ["birth_date"]
