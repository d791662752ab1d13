"""Djoser: one account per email, whatever its case or Unicode spelling (OWASP API2).

The database refuses the duplicate (04's accounts/emails.py), so the promise holds for
every way an account is written: registration, the email change under /auth/users/me/,
the admin, `createsuperuser`. A duplicate that raced past the serializer's check gets
the same 400 as one that arrived second; shared_tests/production/ sends real parallel
registrations through gunicorn to PostgreSQL.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from rest_framework.validators import UniqueValidator

from ..adapters.djoser import register
from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

EMAIL_TAKEN = {"email": ["A user with that email already exists."]}
USERNAME_TAKEN = {"username": ["A user with that username already exists."]}


@pytest.fixture
def checks_missed(monkeypatch):
    """Makes the serializers' uniqueness checks pass, as they do for every one of several
    requests that arrive together: only the database is left to refuse the duplicate."""
    from accounts.serializers import UniqueEmailValidator

    monkeypatch.setattr(UniqueEmailValidator, "__call__", lambda self, value, field: None)
    monkeypatch.setattr(UniqueValidator, "__call__", lambda self, value, field: None)


def accounts_with(username):
    return get_user_model().objects.filter(username=username).count()


# --- Registration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("taken", "again"),
    [
        ("carol@example.com", "carol@example.com"),
        ("carol@example.com", "CAROL@Example.COM"),
        ("idn@exämple.com", "idn@EXÄMPLE.com"),
        ("idn@exämple.com", "idn@xn--exmple-cua.com"),
        ("idn@ÉXAMPLE.com", "idn@éxample.com"),
    ],
    ids=["same", "ascii-case", "unicode-case", "punycode", "unicode-upper-first"],
)
def test_registration_refuses_an_email_taken_in_any_spelling(anon, taken, again):
    register(anon, username="first", email=taken)
    response = register(anon, username="second", email=again)
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN


def test_registration_accepts_an_email_that_only_looks_alike(anon):
    register(anon, username="first", email="idn@exämple.com")
    response = register(anon, username="second", email="idn@example.com")
    assert response.status_code == 201, response.content


def test_email_taken_by_a_racing_registration_is_the_same_400(anon, checks_missed):
    register(anon, username="first", email="carol@example.com")
    response = register(anon, username="second", email="Carol@EXAMPLE.com")
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN
    assert accounts_with("second") == 0, "the refused registration left an account"


def test_username_taken_by_a_racing_registration_is_the_same_400(anon, checks_missed):
    register(anon, email="first@example.com")
    response = register(anon, email="second@example.com")
    assert response.status_code == 400, response.content
    assert response.json() == USERNAME_TAKEN


# --- Changing the email --------------------------------------------------------------------


def change_email(client, email):
    body = {"email": email, "current_password": PASSWORD}
    return client.patch("/auth/users/me/", body, format="json")


def test_email_change_to_an_address_taken_in_another_case_is_refused(login, users):
    response = change_email(login(users["user"]), "MANAGER@example.com")
    users["user"].refresh_from_db()
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN
    assert users["user"].email == "alice@example.com"
    assert users["user"].is_active is True


def test_email_change_that_raced_is_the_same_400_and_changes_nothing(
    login, users, checks_missed, mailoutbox
):
    response = change_email(login(users["user"]), "Manager@Example.com")
    users["user"].refresh_from_db()
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN
    assert users["user"].email == "alice@example.com"
    assert users["user"].is_active is True
    assert mailoutbox == []


def test_changing_only_the_case_of_your_own_email_is_allowed(login, users):
    response = change_email(login(users["user"]), "Alice@Example.com")
    assert response.status_code == 200, response.content


def test_set_username_to_a_name_taken_by_a_racing_request_is_the_same_400(
    login, users, checks_missed
):
    body = {"current_password": PASSWORD, "new_username": "manager"}
    response = login(users["user"]).post("/auth/users/set_username/", body, format="json")
    users["user"].refresh_from_db()
    assert response.status_code == 400, response.content
    assert response.json() == {"new_username": ["A user with that username already exists."]}
    assert users["user"].username == "alice"


# --- Every other way an account is written -------------------------------------------------


def test_a_second_account_with_the_email_cannot_be_saved_at_all(users):
    """What the admin, `createsuperuser` and `manage.py shell` reach: the model's save."""
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user("bob", email="ALICE@example.com")
    assert accounts_with("bob") == 0, "the refused save left an account behind"


def test_accounts_without_an_email_do_not_collide(users):
    get_user_model().objects.create_user("nomail1", email="")
    get_user_model().objects.create_user("nomail2", email="")
    assert accounts_with("nomail1") + accounts_with("nomail2") == 2


def test_a_deleted_account_frees_its_email(anon, users):
    users["user"].delete()
    response = register(anon, email="alice@example.com")
    assert response.status_code == 201, response.content


def test_admin_refuses_an_email_taken_in_another_case(users):
    from django.test import Client

    client = Client()
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    form = {
        "username": "alice",
        "email": "MANAGER@example.com",
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "2030-01-01",
        "date_joined_1": "12:00:00",
    }
    response = client.post(f"/admin/auth/user/{users['user'].pk}/change/", form)
    users["user"].refresh_from_db()
    assert response.status_code == 200, response.content
    assert users["user"].email == "alice@example.com"
    assert "A user with that email already exists." in response.content.decode()


# --- Accounts that existed before the key table ---------------------------------------------


def run_the_migrations_fill_step():
    """Migration 0002's data step, as `migrate` runs it on a database with accounts."""
    from importlib import import_module

    from django.apps import apps

    step = import_module("accounts.migrations.0002_unique_email_pending_activation")
    step.keys_for_existing_users(apps, None)


def accounts_made_before_the_key_table(*emails):
    """Users written without `save()` (so without keys), as they were before 0002."""
    from accounts.models import UniqueEmail

    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"old{n}", email=email) for n, email in enumerate(emails)
    )
    UniqueEmail.objects.all().delete()


def test_the_migration_gives_existing_accounts_their_keys(users):
    from accounts.models import UniqueEmail

    accounts_made_before_the_key_table("Old@Example.com", "")
    run_the_migrations_fill_step()
    assert UniqueEmail.objects.get(user__username="old0").key == "old@example.com"
    assert not UniqueEmail.objects.filter(user__username="old1").exists(), (
        "a blank email has no key"
    )


def test_the_migration_stops_at_accounts_sharing_an_email_and_names_them(db):
    accounts_made_before_the_key_table("twin@example.com", "TWIN@example.com")
    with pytest.raises(RuntimeError, match=r"twin@example\.com: users \[\d+, \d+\]"):
        run_the_migrations_fill_step()
