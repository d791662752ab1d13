"""OWASP API2: credentials die when they should (SPEC section 4, "Revocation").

A password change or a deactivation ends every credential issued before it, at once, and
re-activating the account revives none of them. Where a chapter offers "log out
everywhere", one request ends every login of the user. Each test first takes a copy of
the credential, as a thief would, and replays it from a client that shares nothing else.

A login still running when the change commits (another worker) is no way around it:
`interleaved` makes that race happen at one exact point, between the password check and
the credential being made.
"""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

from ..conftest import PASSWORD
from ..credentials import same_credentials, secret_status

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-7"


def change_password(user):
    """What the admin's form and `manage.py changepassword` do."""
    user.set_password(NEW_PASSWORD)
    user.save()


def deactivate_and_reactivate(user):
    """What staff do in the admin: switch the account off, then on again."""
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()


@pytest.fixture
def interleaved(monkeypatch):
    """`interleaved(change)` runs `change(user)` once, on a fresh copy of the user, right
    after the next password check succeeds: the login goes on with the row it read
    before the change, as a login on another worker would."""

    def interleave(change):
        pending = [change]
        check_password = AbstractBaseUser.check_password

        def check_then_change(user, raw_password):
            correct = check_password(user, raw_password)
            if correct and pending:
                pending.pop()(get_user_model().objects.get(pk=user.pk))
            return correct

        monkeypatch.setattr(AbstractBaseUser, "check_password", check_then_change)

    return interleave


def deactivate(user):
    user.is_active = False
    user.save()


def reactivate(user):
    user.refresh_from_db()
    user.is_active = True
    user.save()


# --- password change -----------------------------------------------------------------------


@pytest.mark.requires("password-change-revokes")
@pytest.mark.matrix("password-change-revokes", "yes")
def test_copy_taken_before_a_password_change_is_refused_right_after_it(login, users):
    stolen = same_credentials(login(users["user"]))
    change_password(users["user"])
    assert secret_status(stolen) == 401, "a credential from before the change still works"


@pytest.mark.lacks("password-change-revokes")
@pytest.mark.matrix("password-change-revokes", "no")
def test_copy_taken_before_a_password_change_still_works_after_it(login, users):
    stolen = same_credentials(login(users["user"]))
    change_password(users["user"])
    assert secret_status(stolen) == 200, "expected the old credential to outlive the change"


@pytest.mark.requires("refresh-rotation", "password-change-revokes")
def test_refresh_token_from_before_a_password_change_is_refused(adapter, users):
    refresh = adapter.token_pair(adapter.client(), "alice", PASSWORD)["refresh"]
    change_password(users["user"])
    response = adapter.refresh(adapter.client(), refresh)
    assert adapter.refusal_in(response) == adapter.refused_refresh, response.content


def test_login_that_checked_the_old_password_is_refused_once_the_password_changed(
    adapter, users, interleaved
):
    if adapter.login_path is None:
        pytest.skip("Basic sends the password itself: no login issues a credential")
    interleaved(change_password)
    response = adapter.login_attempt(adapter.client(), "alice", PASSWORD)
    assert response.status_code in (400, 401), "expected the login's refusal, got a credential"


@pytest.mark.lacks("password-hash-bound")
def test_a_login_that_upgrades_the_password_hash_ends_no_credential(
    adapter, login, users, settings
):
    """Django saves a password in a newer hash format at the next login; the password is
    the same, so nothing issued under it ends. (Not where the credential is tied to the
    hash itself: Django's sessions, get_session_auth_hash.)"""
    stolen = same_credentials(login(users["user"]))
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    assert authenticate(username="alice", password=PASSWORD) is not None, "the upgrade login"
    assert get_user_model().objects.get(username="alice").password.startswith("pbkdf2_")
    assert secret_status(stolen) == 200, "a hash upgrade ended a credential"


# --- deactivation --------------------------------------------------------------------------


def test_copy_taken_before_a_deactivation_stays_refused_after_reactivation(adapter, login, users):
    if adapter.login_path is None:
        pytest.skip("Basic sends the password itself: no login issued a credential to revive")
    stolen = same_credentials(login(users["user"]))
    deactivate_and_reactivate(users["user"])
    assert secret_status(stolen) == 401, "re-activating the account revived an old credential"


def test_login_that_checked_the_password_before_a_deactivation_is_refused(
    adapter, users, interleaved
):
    if adapter.login_path is None:
        pytest.skip("Basic sends the password itself: no login issues a credential")
    interleaved(deactivate)
    response = adapter.login_attempt(adapter.client(), "alice", PASSWORD)
    reactivate(users["user"])
    assert response.status_code in (400, 401), "a login raced the deactivation and won"


@pytest.mark.requires("session")
def test_no_session_login_that_raced_a_deactivation_works_after_reactivation(
    adapter, password_check, users, interleaved
):
    client = adapter.client()
    interleaved(deactivate)
    password_check.attempt(client, "alice", PASSWORD)
    reactivate(users["user"])
    assert secret_status(client) == 401, "the login's session came back with the account"


@pytest.mark.requires("revocable")
def test_credential_made_before_a_deactivation_commits_is_ended_when_it_commits(
    login, users, django_capture_on_commit_callbacks
):
    """The admin's form deactivates in a transaction. On PostgreSQL a login on another
    worker meanwhile reads the committed row, the old one, so what it makes after the
    revocation deleted the user's credentials must go when the change commits."""
    with django_capture_on_commit_callbacks(execute=True):
        deactivate_and_reactivate(users["user"])
        stolen = same_credentials(login(users["user"]))
    assert secret_status(stolen) == 401, "a credential made before the commit outlived it"


@pytest.mark.requires("refresh-rotation")
def test_refresh_token_from_before_a_deactivation_stays_refused_after_reactivation(adapter, users):
    refresh = adapter.token_pair(adapter.client(), "alice", PASSWORD)["refresh"]
    deactivate_and_reactivate(users["user"])
    response = adapter.refresh(adapter.client(), refresh)
    assert adapter.refusal_in(response) == adapter.refused_refresh, response.content


# --- log out everywhere --------------------------------------------------------------------


@pytest.mark.requires("logout-everywhere")
@pytest.mark.matrix("logout-everywhere", "yes")
def test_logout_everywhere_ends_the_users_other_logins(adapter, login, users):
    phone, laptop = login(users["user"]), login(users["user"])
    stolen = same_credentials(laptop)
    adapter.logout_everywhere(phone)
    assert secret_status(stolen) == 401, "another login of the same user still works"


@pytest.mark.requires("logout-everywhere")
def test_logout_everywhere_ends_the_login_that_asked(adapter, login, users):
    phone = login(users["user"])
    stolen = same_credentials(phone)
    adapter.logout_everywhere(phone)
    assert secret_status(stolen) == 401, "the login that logged out everywhere still works"


@pytest.mark.requires("logout-everywhere")
def test_logout_everywhere_leaves_other_users_logged_in(adapter, login, users):
    mine, theirs = login(users["user"]), login(users["manager"])
    adapter.logout_everywhere(mine)
    assert secret_status(theirs) == 200, "logging out everywhere ended another user's login"


@pytest.mark.requires("logout-everywhere", "refresh-rotation")
def test_logout_everywhere_ends_every_refresh_token(adapter, login, users):
    refresh = adapter.token_pair(adapter.client(), "alice", PASSWORD)["refresh"]
    adapter.logout_everywhere(login(users["user"]))
    response = adapter.refresh(adapter.client(), refresh)
    assert adapter.refusal_in(response) == adapter.refused_refresh, response.content


@pytest.mark.lacks("logout-everywhere")
@pytest.mark.matrix("logout-everywhere", "no")
def test_logging_out_one_login_leaves_the_others_working(adapter, login, users):
    phone, laptop = login(users["user"]), login(users["user"])
    stolen = same_credentials(laptop)
    adapter.logout(phone)
    assert secret_status(stolen) == 200, "expected logout to end only its own login"
