"""Todos: a user's own list. Attacks on other users' todos are in security/."""

import pytest

from api.models import Todo


@pytest.fixture
def alice(client_as):
    return client_as("user")


def test_create_sets_the_owner_from_the_request(alice, users):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert Todo.objects.get(id=response.data["id"]).owner == users["user"]


def test_create_answers_the_new_todo(alice):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert response.status_code == 201, response.content
    assert response.data["title"] == "Buy lemons"
    assert response.data["completed"] is False


def test_todo_fields_are_id_title_completed_created_at(alice):
    response = alice.post("/api/todos/", {"title": "Buy lemons"}, format="json")
    assert set(response.data) == {"id", "title", "completed", "created_at"}


def test_list_shows_the_callers_todos(alice, users):
    Todo.objects.create(owner=users["user"], title="Mine")
    assert [todo["title"] for todo in alice.get("/api/todos/").json()["results"]] == ["Mine"]


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
    assert response.status_code == 400, response.content
    assert list(response.data) == ["title"]
