"""Rate limits per scope. Each test sets its own tiny rate; time is moved, never waited for."""

import datetime

import pytest
import time_machine

from api.models import Category

pytestmark = pytest.mark.django_db


def hit(client, path, times, **extra):
    return [client.get(path, **extra).status_code for _ in range(times)]


def test_anonymous_rate_allows_then_refuses(anon, rates):
    rates["anon"] = "2/minute"
    assert hit(anon, "/api/throttle-check/", 3) == [200, 200, 429]


def test_throttled_answer_says_when_to_retry(anon, rates):
    rates["anon"] = "1/minute"
    hit(anon, "/api/throttle-check/", 1)
    response = anon.get("/api/throttle-check/")
    assert 0 < int(response["Retry-After"]) <= 60


def test_throttled_answer_is_json(anon, rates):
    rates["anon"] = "1/minute"
    hit(anon, "/api/throttle-check/", 1)
    assert "throttled" in anon.get("/api/throttle-check/").json()["detail"]


def test_anonymous_budget_returns_after_the_window(anon, rates):
    rates["anon"] = "1/minute"
    with time_machine.travel(datetime.datetime(2030, 1, 1, 12, 0), tick=False) as clock:
        hit(anon, "/api/throttle-check/", 2)
        clock.shift(61)
        assert anon.get("/api/throttle-check/").status_code == 200


def test_user_rate_applies_per_user(client_as, rates):
    rates["user"] = "2/minute"
    assert hit(client_as("user"), "/api/throttle-check-auth/", 3) == [200, 200, 429]


def test_one_users_budget_does_not_spend_anothers(client_as, rates):
    rates["user"] = "1/minute"
    hit(client_as("user"), "/api/throttle-check-auth/", 2)
    assert client_as("manager").get("/api/throttle-check-auth/").status_code == 200


def test_menu_reads_use_the_anonymous_rate(anon, rates):
    rates["anon"] = "1/minute"
    assert hit(anon, "/api/menu-items/", 2) == [200, 429]


def test_menu_reads_use_the_user_rate(client_as, rates):
    rates["user"] = "1/minute"
    assert hit(client_as("user"), "/api/menu-items/", 2) == [200, 429]


def create_items(client, times):
    category = Category.objects.create(slug="mains", title="Mains")
    body = {"title": "Soup", "price": "4.00", "category": category.id}
    return [client.post("/api/menu-items/", body, format="json").status_code for _ in range(times)]


def test_menu_creation_uses_the_ten_scope(client_as, rates):
    rates["ten"] = "2/minute"
    assert create_items(client_as("manager"), 3) == [201, 201, 429]


def test_menu_creation_is_not_limited_by_the_user_rate(client_as, rates):
    rates["user"] = "1/minute"
    assert create_items(client_as("manager"), 2) == [201, 201]
