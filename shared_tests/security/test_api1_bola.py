"""OWASP API1:2023 Broken Object Level Authorization.

A logged-in user asks for objects that belong to somebody else, by id or through list
filters. Every attempt must look exactly like asking for an object that does not exist.
"""

import pytest

from api.models import Customer, Todo


@pytest.fixture
def others_todo(make_user):
    return Todo.objects.create(owner=make_user("mallory"), title="Not yours")


@pytest.fixture
def alice(client_as):
    return client_as("user")


TODO_WRITE = {"title": "Mine now", "completed": True}


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_bola_another_users_todo_by_id_is_404(alice, others_todo, method):
    """API1: read, update or delete someone else's todo by guessing its id."""
    response = getattr(alice, method)(f"/api/todos/{others_todo.id}/", TODO_WRITE, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_bola_another_users_todo_is_unchanged_after_the_attempt(alice, others_todo, method):
    """API1: a refused write must not have happened anyway."""
    getattr(alice, method)(f"/api/todos/{others_todo.id}/", TODO_WRITE, format="json")
    assert Todo.objects.filter(id=others_todo.id, title="Not yours", completed=False).exists()


def test_bola_another_users_todo_looks_like_a_missing_one(alice, others_todo):
    """API1: the answer for someone else's id must not confirm that the id exists."""
    theirs = alice.get(f"/api/todos/{others_todo.id}/")
    missing = alice.get(f"/api/todos/{others_todo.id + 1000}/")
    assert theirs.status_code == missing.status_code, theirs.content
    assert theirs.json() == missing.json()


@pytest.mark.parametrize(
    "query", ["", "?owner={owner}", "?owner_id={owner}", "?user={owner}", "?id={todo}"]
)
def test_bola_todo_list_filters_never_show_other_users_rows(alice, others_todo, query):
    """API1: list and filter parameters a client invents do not widen the queryset."""
    path = "/api/todos/" + query.format(owner=others_todo.owner_id, todo=others_todo.id)
    assert alice.get(path).json()["results"] == []


def test_bola_profile_is_always_the_callers_own(alice, users, make_user):
    """API1: /customers/me/ has no id to tamper with; a planted user_id changes nothing."""
    victim = Customer.objects.create(user=make_user("victim"), phone="111")
    alice.patch("/api/customers/me/", {"user_id": victim.user_id, "phone": "999"}, format="json")
    victim.refresh_from_db()
    assert victim.phone == "111"
