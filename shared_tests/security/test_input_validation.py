"""Hostile input: malformed bodies, wrong content types, NUL bytes, endless strings.

Each answer is a clear JSON 4xx, and nothing is stored half-written. (OWASP API8:2023,
Security Misconfiguration, covers a server that crashes or leaks on such input.)
"""

import pytest

from api.models import Category, Customer, MenuItem, Todo


@pytest.fixture
def category(db):
    return Category.objects.create(slug="mains", title="Mains")


# (role, method, path, valid payload, field under attack, max length, model)
FIELDS = [
    ("user", "post", "/api/todos/", {"title": "ok"}, "title", 255, Todo),
    ("user", "patch", "/api/customers/me/", {"phone": "1"}, "phone", 20, Customer),
    (
        "manager",
        "post",
        "/api/menu-items/",
        {"title": "ok", "price": "1.00"},
        "title",
        255,
        MenuItem,
    ),
    ("admin", "post", "/api/categories/", {"slug": "ok", "title": "ok"}, "title", 255, Category),
    ("admin", "post", "/api/categories/", {"slug": "ok", "title": "ok"}, "slug", 50, Category),
]
IDS = [f"{method} {path} {field}" for _, method, path, _, field, _, _ in FIELDS]


def attack(client_as, category, role, method, path, payload, field, value):
    if path == "/api/menu-items/":
        payload = {**payload, "category": category.id}
    return getattr(client_as(role), method)(path, {**payload, field: value}, format="json")


def stored_values(model, field):
    return set(model.objects.values_list(field, flat=True))


@pytest.mark.parametrize(
    ("role", "method", "path", "payload", "field", "limit", "model"), FIELDS, ids=IDS
)
def test_input_nul_byte_in_a_field_is_a_400(
    client_as, category, role, method, path, payload, field, limit, model
):
    """API8: a NUL byte is refused before PostgreSQL would choke on it."""
    response = attack(client_as, category, role, method, path, payload, field, "a\x00b")
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("role", "method", "path", "payload", "field", "limit", "model"), FIELDS, ids=IDS
)
def test_input_overlong_field_is_a_400(
    client_as, category, role, method, path, payload, field, limit, model
):
    """API8: a string one character over the column's length is refused, not truncated."""
    response = attack(client_as, category, role, method, path, payload, field, "7" * (limit + 1))
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("role", "method", "path", "payload", "field", "limit", "model"), FIELDS, ids=IDS
)
def test_input_refused_write_stores_nothing(
    client_as, users, category, role, method, path, payload, field, limit, model
):
    """API8: a refused payload leaves no half-written row behind.

    (The profile is created on first access by design, so it exists beforehand here.)
    """
    Customer.objects.get_or_create(user=users["user"])
    before = stored_values(model, field)
    attack(client_as, category, role, method, path, payload, field, "7" * (limit + 1))
    assert stored_values(model, field) == before


@pytest.mark.parametrize(
    "body",
    ['{"title": ', "{'title': 'x'}", '{"title": "x"', "\xff\xfe", "null", "[1, 2]"],
    ids=["truncated", "single-quotes", "unclosed", "not-utf8", "null", "array"],
)
def test_input_malformed_json_is_a_400(client_as, body):
    """API8: bodies that are not a JSON object answer 400 with a message."""
    response = client_as("user").post("/api/todos/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "detail" in response.json() or "non_field_errors" in response.json()


def test_input_deeply_nested_json_is_a_400(client_as):
    """API8: JSON nested beyond Python's recursion limit is a 400, not a crash."""
    body = "[" * 100_000 + "]" * 100_000
    response = client_as("user").post("/api/todos/", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "JSON parse error - the document is nested too deeply."


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "image/png"])
def test_input_unsupported_content_type_is_a_415(client_as, content_type):
    """API8: a body in a format the API does not speak is refused by type."""
    response = client_as("user").post("/api/todos/", data="title=x", content_type=content_type)
    assert response.status_code == 415, response.content
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ["a list"]),
        ("title", {"an": "object"}),
        ("title", True),
        ("title", 12345),
        ("completed", 0),
        ("completed", "no"),
    ],
)
def test_input_wrong_json_type_is_a_400(client_as, field, value):
    """API8: a value of another JSON type is refused rather than coerced (0 is not "0")."""
    response = client_as("user").post(
        "/api/todos/", {"title": "ok", "completed": False, field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


def test_input_price_as_a_json_number_is_a_400(client_as, category):
    """API8: prices travel as strings, so a float can never round one."""
    body = {"title": "Soup", "price": 4.5, "category": category.id}
    response = client_as("manager").post("/api/menu-items/", body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["price"]


def test_input_nul_byte_in_search_is_a_400_on_search(anon, db):
    """API8: a NUL byte in `?search=` is refused, and the error names the parameter."""
    response = anon.get("/api/menu-items/", {"search": "a\x00b"})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["search"]
