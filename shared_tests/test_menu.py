"""Categories and menu items: filtering, search, ordering and price rules."""

import pytest

from api.models import Category, MenuItem


@pytest.fixture
def menu(db):
    starters = Category.objects.create(slug="starters", title="Starters")
    mains = Category.objects.create(slug="mains", title="Mains")
    MenuItem.objects.create(title="Lemon Soup", price="6.00", category=starters)
    MenuItem.objects.create(title="Bruschetta", price="4.50", category=starters)
    MenuItem.objects.create(title="Lemon Chicken", price="15.00", category=mains)
    return {"starters": starters, "mains": mains}


def titles(response):
    return [item["title"] for item in response.data["results"]]


def test_menu_item_fields(anon, menu):
    item = anon.get("/api/menu-items/").data["results"][0]
    assert item == {
        "id": item["id"],
        "title": "Lemon Soup",
        "price": "6.00",
        "featured": False,
        "category": menu["starters"].id,
    }


def test_category_fields(anon, menu):
    category = anon.get("/api/categories/").data["results"][0]
    assert category == {"id": menu["starters"].id, "slug": "starters", "title": "Starters"}


def test_filter_by_category_id(anon, menu):
    response = anon.get("/api/menu-items/", {"category": menu["mains"].id})
    assert titles(response) == ["Lemon Chicken"]


def test_search_by_title(anon, menu):
    response = anon.get("/api/menu-items/", {"search": "lemon"})
    assert titles(response) == ["Lemon Soup", "Lemon Chicken"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("price", ["Bruschetta", "Lemon Soup", "Lemon Chicken"]),
        ("-price", ["Lemon Chicken", "Lemon Soup", "Bruschetta"]),
    ],
)
def test_order_by_price(anon, menu, ordering, expected):
    assert titles(anon.get("/api/menu-items/", {"ordering": ordering})) == expected


def test_unknown_category_filter_is_an_empty_page(anon, menu):
    assert anon.get("/api/menu-items/", {"category": "999999"}).json()["results"] == []


def test_non_numeric_category_filter_is_a_400(anon, menu):
    response = anon.get("/api/menu-items/", {"category": "mains"})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["category"]


@pytest.fixture
def manager(client_as):
    return client_as("manager")


@pytest.mark.parametrize("price", ["0", "0.00", "-1.00", "1.005", "abc", "100000.00"])
def test_invalid_price_is_a_400_on_price(manager, menu, price):
    response = manager.post(
        "/api/menu-items/",
        {"title": "Soup", "price": price, "category": menu["mains"].id},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert list(response.data) == ["price"]


def test_price_with_more_than_two_decimals_stores_nothing(manager, menu):
    manager.post(
        "/api/menu-items/",
        {"title": "Soup", "price": "1.005", "category": menu["mains"].id},
        format="json",
    )
    assert not MenuItem.objects.filter(title="Soup").exists()


def test_category_is_written_by_id(manager, menu):
    response = manager.post(
        "/api/menu-items/",
        {"title": "Soup", "price": "3.20", "category": menu["mains"].id},
        format="json",
    )
    assert MenuItem.objects.get(id=response.data["id"]).category == menu["mains"]


def test_unknown_category_on_create_is_a_400(manager, menu):
    response = manager.post(
        "/api/menu-items/", {"title": "Soup", "price": "3.20", "category": 999999}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.data) == ["category"]


def test_deleting_a_category_in_use_is_refused(client_as, menu):
    response = client_as("admin").delete(f"/api/categories/{menu['mains'].id}/")
    assert response.status_code == 409, response.content
    assert Category.objects.filter(slug="mains").exists() is True
