"""An email address belongs to whoever reads the mail sent to it (issue 12, item 1).

The attack this file replays: an attacker registers `victim@...` and never verifies it;
the victim signs up with their own address, asks for a resend, and follows the key that
arrives. Before, that key was the attacker's, and it verified the attacker's account:
the attacker logged in with the victim's address, the victim could not log in at all.
Now an address names one account at most; a sign-up with a taken address answers like
any other and mails the address instead; a holder who never verified it loses the
password they set, and the reader of the mailbox recovers the account by a reset.
"""

import pytest
from django.contrib.auth import get_user_model

from ..adapters.allauth import confirm_reset, request_reset, reset_link
from ..transport import origin
from .allauth_flows import (
    AUTH,
    log_in,
    log_in_by_email,
    register,
    resend,
    verification_key,
    verify,
)

pytestmark = [
    pytest.mark.requires("dj-rest-auth"),
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:app_settings.AUTHENTICATION_METHOD is deprecated"),
]

VICTIM = "victim@example.com"
ATTACKERS_PASSWORD = "attackers-own-pass-77"
VICTIMS_PASSWORD = "victims-own-pass-88"
SIGNED_UP = {"detail": "Verification e-mail sent."}


def sign_up(client, username, password, email=VICTIM):
    return register(client, username=username, email=email, password1=password, password2=password)


def mails_to(mailoutbox, address=VICTIM):
    return [message for message in mailoutbox if message.to == [address]]


def is_already_exists_mail(message):
    return "an account using that email address already exists" in message.body


@pytest.fixture
def attacker_registered(anon):
    """The attacker's account, holding the victim's address, never verified."""
    assert sign_up(anon, "mallory", ATTACKERS_PASSWORD).status_code == 201


def replay_the_attack(client, mailoutbox):
    """The victim signs up, asks for a resend and follows the newest key in the mailbox."""
    signed_up = sign_up(client, "victim", VICTIMS_PASSWORD)
    resend(client, VICTIM)
    keys = [m for m in mails_to(mailoutbox) if "account-confirm-email" in m.body]
    verify(client, verification_key(keys[-1]))
    return signed_up


def test_attacker_cannot_log_in_with_the_victims_address_after_the_attack(
    anon, attacker_registered, mailoutbox
):
    replay_the_attack(anon, mailoutbox)
    by_email = log_in_by_email(anon, VICTIM, ATTACKERS_PASSWORD)
    by_username = log_in(anon, "mallory", ATTACKERS_PASSWORD)
    assert by_email.status_code == 400, by_email.content
    assert by_username.status_code == 400, by_username.content


def test_victims_sign_up_answers_like_any_sign_up(anon, attacker_registered, mailoutbox):
    """Nothing in the answer says the address was taken: no enumeration."""
    assert replay_the_attack(anon, mailoutbox).json() == SIGNED_UP


def test_victims_sign_up_creates_no_second_account_for_the_address(
    anon, attacker_registered, mailoutbox
):
    replay_the_attack(anon, mailoutbox)
    holders = get_user_model().objects.filter(email__iexact=VICTIM)
    assert list(holders.values_list("username", flat=True)) == ["mallory"]


def test_victim_is_told_by_email_that_an_account_exists_and_how_to_recover_it(
    anon, attacker_registered, mailoutbox
):
    sign_up(anon, "victim", VICTIMS_PASSWORD)
    (told,) = [m for m in mails_to(mailoutbox) if is_already_exists_mail(m)]
    assert f"{origin()}{AUTH}/password/reset/" in told.body


def test_victim_recovers_the_account_with_a_reset_and_logs_in_by_email(
    anon, attacker_registered, mailoutbox
):
    replay_the_attack(anon, mailoutbox)
    request_reset(anon, VICTIM)
    confirmed = confirm_reset(anon, **reset_link(mailoutbox[-1]), new_password=VICTIMS_PASSWORD)
    login = log_in_by_email(anon, VICTIM, VICTIMS_PASSWORD)
    assert confirmed.status_code == 200, confirmed.content
    assert login.status_code == 200, login.content


def test_a_reset_verifies_the_address_it_was_mailed_to(anon, attacker_registered, mailoutbox):
    """Without a resend: following the reset link already proves the mailbox."""
    request_reset(anon, VICTIM)
    confirm_reset(anon, **reset_link(mailoutbox[-1]), new_password=VICTIMS_PASSWORD)
    assert log_in(anon, "mallory", VICTIMS_PASSWORD).status_code == 200


def test_sign_up_with_the_address_in_other_case_is_the_same_address(
    anon, attacker_registered, mailoutbox
):
    sign_up(anon, "victim", VICTIMS_PASSWORD, email="Victim@EXAMPLE.com")
    assert get_user_model().objects.filter(username="victim").exists() is False


def test_sign_up_with_a_verified_address_answers_alike_and_mails_its_owner(
    anon, users, mailoutbox
):
    response = register(anon, email="alice@example.com")
    told = [m for m in mails_to(mailoutbox, "alice@example.com") if is_already_exists_mail(m)]
    assert response.status_code == 201, response.content
    assert response.json() == SIGNED_UP
    assert len(told) == 1


def test_sign_up_with_a_verified_address_leaves_its_owners_password_alone(anon, users, mailoutbox):
    register(anon, email="alice@example.com")
    assert log_in(anon, "alice").status_code == 200


@pytest.fixture
def hashings(monkeypatch):
    """Counts the passwords hashed (the hasher the settings name, MD5 in the tests)."""
    from django.contrib.auth.hashers import get_hasher

    hasher = type(get_hasher())
    calls = []
    original = hasher.encode
    monkeypatch.setattr(
        hasher, "encode", lambda self, *a, **k: calls.append(1) or original(self, *a, **k)
    )
    return calls


def test_sign_up_with_a_taken_address_hashes_the_password_as_a_new_sign_up_does(
    anon, users, hashings
):
    """Hashing is most of what a sign-up costs: skipped, the timing names the address."""
    register(anon, username="newcomer", email="newcomer@example.com")
    new_account = len(hashings)
    register(anon, username="dave", email="alice@example.com")
    assert new_account == 1
    assert (len(hashings) - new_account) == 1
