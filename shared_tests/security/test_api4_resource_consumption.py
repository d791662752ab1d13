"""OWASP API4:2023 Unrestricted Resource Consumption.

A client asks for more than its share: huge pages, huge bodies, or a fresh throttle
budget by claiming to be someone else.
"""

import json

import pytest

from api.models import Category, MenuItem


@pytest.fixture
def many_items(db):
    category = Category.objects.create(slug="mains", title="Mains")
    MenuItem.objects.bulk_create(
        MenuItem(title=f"Dish {n}", price="1.00", category=category) for n in range(105)
    )


@pytest.mark.parametrize(
    "query",
    ["page_size=101", "page_size=100000", "page_size=" + "9" * 30, "page_size=" + "9" * 5000],
)
def test_resource_huge_page_size_is_capped(anon, many_items, query):
    """API4: `page_size` never returns more than 100 rows."""
    assert len(anon.get(f"/api/menu-items/?{query}").json()["results"]) == 100


@pytest.mark.parametrize("query", ["limit=100000", "limit=100000&offset=0", "per_page=100000"])
def test_resource_unknown_size_parameters_are_ignored(anon, many_items, query):
    """API4: `limit` and friends do not bypass the page size."""
    assert len(anon.get(f"/api/menu-items/?{query}").json()["results"]) == 10


def test_resource_oversized_body_is_refused_with_413(client_as, settings):
    """API4: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed."""
    body = json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client_as("user").post("/api/todos/", data=body, content_type="application/json")
    assert response.status_code == 413, response.content
    assert response.json() == {"detail": "Request body is too large."}


def test_resource_rotating_forwarded_for_does_not_reset_the_anonymous_budget(anon, rates):
    """API4: a forged X-Forwarded-For per request is not a new client."""
    rates["anon"] = "2/minute"
    codes = [
        anon.get("/api/throttle-check/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_resource_rotating_forwarded_for_does_not_reset_the_menu_budget(anon, rates, many_items):
    """API4: the same holds for the menu's anonymous reads."""
    rates["anon"] = "1/minute"
    codes = [
        anon.get("/api/menu-items/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(2)
    ]
    assert codes == [200, 429]


def test_resource_menu_creation_is_throttled(client_as, rates, many_items):
    """API4: a manager's script cannot flood the menu."""
    rates["ten"] = "1/minute"
    manager = client_as("manager")
    body = {"title": "Soup", "price": "4.00", "category": Category.objects.get().id}
    codes = [manager.post("/api/menu-items/", body, format="json").status_code for _ in range(2)]
    assert codes == [201, 429]
