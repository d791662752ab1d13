"""Lists are paginated, and no client can ask for an unbounded page."""

import pytest

from api.models import Category, MenuItem


@pytest.fixture
def many_items(db):
    category = Category.objects.create(slug="mains", title="Mains")
    MenuItem.objects.bulk_create(
        MenuItem(title=f"Dish {n}", price="1.00", category=category) for n in range(105)
    )


def test_page_shape(anon, many_items):
    assert set(anon.get("/api/menu-items/").data) == {"count", "next", "previous", "results"}


def test_default_page_size_is_10(anon, many_items):
    assert len(anon.get("/api/menu-items/").data["results"]) == 10


def test_page_size_can_be_chosen(anon, many_items):
    assert len(anon.get("/api/menu-items/", {"page_size": 25}).data["results"]) == 25


def test_count_is_the_total(anon, many_items):
    assert anon.get("/api/menu-items/").data["count"] == 105


def test_second_page_continues_the_first(anon, many_items):
    page = anon.get("/api/menu-items/", {"page": 2}).data
    assert page["results"][0]["title"] == "Dish 10"


def test_page_past_the_end_is_404(anon, many_items):
    assert anon.get("/api/menu-items/", {"page": 999}).status_code == 404


@pytest.mark.parametrize("page_size", ["0", "000", "-5", "lots", "1.5", "", "²", "٣"])
def test_nonsense_page_size_is_a_400(anon, many_items, page_size):
    response = anon.get("/api/menu-items/", {"page_size": page_size})
    assert response.status_code == 400, response.content
    assert response.json() == {"page_size": ["Use a whole number from 1."]}
