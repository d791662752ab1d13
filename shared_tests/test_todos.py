"""Todos belong to one user: others cannot see, change or delete them."""

import pytest

from api.models import Todo


@pytest.fixture
def others_todo(make_user):
    return Todo.objects.create(owner=make_user("mallory"), title="Not yours")


@pytest.fixture
def alice(client_as):
    return client_as("user")


def test_create_sets_the_owner_from_the_request(alice, users):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert Todo.objects.get(id=response.data["id"]).owner == users["user"]


def test_create_answers_the_new_todo(alice):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert (response.status_code, response.data["title"], response.data["completed"]) == (
        201,
        "Buy lemons",
        False,
    )


def test_todo_fields_are_id_title_completed_created_at(alice):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert set(response.data) == {"id", "title", "completed", "created_at"}


def test_owner_in_the_payload_is_ignored(alice, users, others_todo):
    response = alice.post(
        "/api/todos/", {"title": "Sneaky", "owner": others_todo.owner_id}, format="json"
    )
    assert Todo.objects.get(id=response.data["id"]).owner == users["user"]


def test_owner_cannot_be_changed_by_update(alice, users, others_todo):
    todo = Todo.objects.create(owner=users["user"], title="Mine")
    alice.patch(f"/api/todos/{todo.id}/", {"owner": others_todo.owner_id}, format="json")
    todo.refresh_from_db()
    assert todo.owner == users["user"]


def test_created_at_is_read_only(alice, users):
    todo = Todo.objects.create(owner=users["user"], title="Mine")
    alice.patch(f"/api/todos/{todo.id}/", {"created_at": "2000-01-01T00:00:00Z"}, format="json")
    assert Todo.objects.get(id=todo.id).created_at == todo.created_at


def test_list_shows_only_own_todos(alice, users, others_todo):
    Todo.objects.create(owner=users["user"], title="Mine")
    response = alice.get("/api/todos/")
    assert [todo["title"] for todo in response.data["results"]] == ["Mine"]


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_users_todo_is_404(alice, others_todo, method):
    response = getattr(alice, method)(
        f"/api/todos/{others_todo.id}/", {"title": "Mine now", "completed": True}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_users_todo_is_unchanged_after_an_attempt(alice, others_todo, method):
    getattr(alice, method)(
        f"/api/todos/{others_todo.id}/", {"title": "Mine now", "completed": True}, format="json"
    )
    assert Todo.objects.filter(id=others_todo.id, title="Not yours", completed=False).exists()


def test_owner_can_complete_a_todo(alice, users):
    todo = Todo.objects.create(owner=users["user"], title="Mine")
    alice.patch(f"/api/todos/{todo.id}/", {"completed": True}, format="json")
    assert Todo.objects.get(id=todo.id).completed is True


def test_owner_can_delete_a_todo(alice, users):
    todo = Todo.objects.create(owner=users["user"], title="Mine")
    alice.delete(f"/api/todos/{todo.id}/")
    assert not Todo.objects.filter(id=todo.id).exists()


def test_blank_title_is_a_400(alice):
    response = alice.post("/api/todos/", {"title": ""}, format="json")
    assert (response.status_code, list(response.data)) == (400, ["title"])
