"""OWASP API3:2023 Broken Object Property Level Authorization (mass assignment).

A client adds properties it must not control to a payload it is allowed to send:
privilege flags, ownership, group membership, primary keys. All are ignored.
"""

import pytest
from django.contrib.auth import get_user_model

from api.models import Category, Customer, MenuItem, Todo

FORCED_ID = 424242


@pytest.fixture
def category(db):
    return Category.objects.create(slug="mains", title="Mains")


# (role, method, path, legitimate payload, model whose new or changed row is checked)
WRITES = [
    ("user", "post", "/api/todos/", {"title": "Mine"}, Todo),
    ("user", "put", "/api/customers/me/", {"phone": "555"}, Customer),
    ("user", "patch", "/api/customers/me/", {"phone": "556"}, Customer),
    ("manager", "post", "/api/menu-items/", {"title": "Soup", "price": "3.00"}, MenuItem),
    ("admin", "post", "/api/categories/", {"slug": "soups", "title": "Soups"}, Category),
]

PRIVILEGES = {"is_staff": True, "is_superuser": True, "groups": [1], "user": {"is_staff": True}}


def send(client, method, path, payload, category):
    if path == "/api/menu-items/":
        payload = {**payload, "category": category.id}
    return getattr(client, method)(path, payload, format="json")


@pytest.mark.parametrize(("role", "method", "path", "payload", "model"), WRITES)
def test_mass_assignment_of_privilege_flags_is_ignored(
    client_as, users, category, role, method, path, payload, model
):
    """API3: `is_staff`, `is_superuser`, `groups` and a nested `user` grant nothing."""
    send(client_as(role), method, path, {**payload, **PRIVILEGES}, category)
    user = get_user_model().objects.get(id=users[role].id)
    assert user.is_staff == users[role].is_staff
    assert user.is_superuser == users[role].is_superuser
    assert user.groups.count() == users[role].groups.count()


@pytest.mark.parametrize(("role", "method", "path", "payload", "model"), WRITES)
def test_mass_assignment_of_the_primary_key_is_ignored(
    client_as, users, category, role, method, path, payload, model
):
    """API3: a client cannot choose (or overwrite) a row's `id`."""
    send(client_as(role), method, path, {**payload, "id": FORCED_ID}, category)
    assert not model.objects.filter(id=FORCED_ID).exists()


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_mass_assignment_of_a_todo_owner_is_ignored(client_as, users, make_user, method):
    """API3: `owner` in a todo payload never hands the todo to someone else."""
    victim = make_user("victim")
    todo = Todo.objects.create(owner=users["user"], title="Mine")
    path = "/api/todos/" if method == "post" else f"/api/todos/{todo.id}/"
    client_as("user").generic(
        method.upper(),
        path,
        f'{{"title": "x", "owner": {victim.id}, "owner_id": {victim.id}}}',
        content_type="application/json",
    )
    assert not Todo.objects.filter(owner=victim).exists()


@pytest.mark.parametrize("method", ["put", "patch"])
def test_mass_assignment_of_a_profile_user_is_ignored(client_as, users, make_user, method):
    """API3: `user` or `user_id` in the profile payload cannot attach it to another user."""
    victim = make_user("victim")
    getattr(client_as("user"), method)(
        "/api/customers/me/",
        {"phone": "1", "user": victim.id, "user_id": victim.id},
        format="json",
    )
    assert not Customer.objects.filter(user=victim).exists()


def test_mass_assignment_of_created_at_is_ignored(client_as, users):
    """API3: server-set timestamps are not client-writable."""
    response = client_as("user").post(
        "/api/todos/", {"title": "x", "created_at": "2000-01-01T00:00:00Z"}, format="json"
    )
    assert not response.json()["created_at"].startswith("2000-")


@pytest.mark.requires("registration")
def test_mass_assignment_on_registration_is_ignored(anon, adapter, db):
    """API3: a sign-up form with `is_staff` and `is_superuser` creates a plain user."""
    adapter.register(anon, is_staff=True, is_superuser=True)
    carol = get_user_model().objects.get(username="carol")
    assert carol.is_staff is False
    assert carol.is_superuser is False
