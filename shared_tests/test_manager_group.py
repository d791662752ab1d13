"""Staff promote users to the Manager group and demote them again."""

import pytest
from django.contrib.auth.models import Group

URL = "/api/groups/manager/users/"


@pytest.fixture
def admin(client_as):
    return client_as("admin")


def is_manager(user):
    return Group.objects.get(name="Manager").user_set.filter(id=user.id).exists()


def test_list_shows_managers_as_id_and_username(admin, users):
    response = admin.get(URL)
    assert response.data["results"] == [{"id": users["manager"].id, "username": "manager"}]


def test_post_adds_a_user_to_the_group(admin, users):
    admin.post(URL, {"username": "alice"}, format="json")
    assert is_manager(users["user"])


def test_post_answers_201_with_the_new_manager(admin, users):
    response = admin.post(URL, {"username": "alice"}, format="json")
    assert response.status_code == 201, response.content
    assert response.data == {"id": users["user"].id, "username": "alice"}


def test_unknown_username_is_a_400_that_says_so(admin, users):
    response = admin.post(URL, {"username": "nobody"}, format="json")
    assert response.status_code == 400, response.content
    assert response.data == {"username": ["No user has the username nobody."]}


def test_username_with_a_nul_byte_is_a_400_before_any_lookup(admin, users):
    """PostgreSQL cannot compare text holding a NUL: looking it up was a 500 there."""
    response = admin.post(URL, {"username": "\u0000"}, format="json")
    assert response.data == {"username": ["Null characters are not allowed."]}


def test_missing_username_is_a_400(admin, users):
    response = admin.post(URL, {}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.data) == ["username"]


def test_delete_removes_a_user_from_the_group(admin, users):
    admin.delete(f"{URL}{users['manager'].id}/")
    assert not is_manager(users["manager"])


def test_delete_leaves_the_user_itself(admin, users):
    admin.delete(f"{URL}{users['manager'].id}/")
    users["manager"].refresh_from_db()
    assert users["manager"].is_active


def test_delete_of_a_non_manager_is_404(admin, users):
    assert admin.delete(f"{URL}{users['user'].id}/").status_code == 404


def test_promotion_opens_the_manager_view(admin, users, login):
    admin.post(URL, {"username": "alice"}, format="json")
    assert login(users["user"]).get("/api/manager-view/").status_code == 200


def test_demotion_closes_the_manager_view(admin, users, login):
    admin.delete(f"{URL}{users['manager'].id}/")
    assert login(users["manager"]).get("/api/manager-view/").status_code == 403
