"""Djoser: an address belongs to whoever reads the mail sent to it (red team, finding 1).

The attack this file replays, as the red team ran it over HTTP against 04: an attacker
registers `evil` with the victim's address and never activates it. The victim's own
sign-up is refused ("email taken"), a reset mails nothing (the account is inactive), and
a resend mails the attacker's activation link, which said nothing about whose account it
was. The victim followed it: `evil` was active, and the attacker logged in with the
victim's address.

Now, when a sign-up or an email change names an address that an account still waiting
for activation holds, that account's password is voided (whoever set it has not shown
that they read the mailbox) and the address is mailed: which account holds it, and how
to take it over (activate it, then reset the password). The activation mail names the
account too. The 400 "email taken" is unchanged: 04 already says so (README).
"""

import pytest
from django.contrib.auth import get_user_model

from ..adapters.djoser import confirm_reset, jwt_create, register, request_reset, reset_link
from ..conftest import PASSWORD
from ..transport import origin
from .djoser_flows import activate, activation_link, resend

pytestmark = [pytest.mark.requires("djoser"), pytest.mark.django_db]

VICTIM = "victim@example.com"
ATTACKERS_PASSWORD = "attackers-own-pass-77"
VICTIMS_PASSWORD = "victims-own-pass-88"
EMAIL_TAKEN = {"email": ["A user with that email already exists."]}
INVALID_TOKEN = {"token": ["Invalid token for given user."]}


def mails_to(mailoutbox, address=VICTIM):
    return [message for message in mailoutbox if message.to == [address]]


def is_takeover_notice(message):
    return "already holds this address" in message.body


def takeover_notice(mailoutbox, address=VICTIM):
    (notice,) = [m for m in mails_to(mailoutbox, address) if is_takeover_notice(m)]
    return notice


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def squatted(anon):
    """`evil`, registered by the attacker with the victim's address, never activated."""
    response = register(anon, username="evil", email=VICTIM, password=ATTACKERS_PASSWORD)
    assert response.status_code == 201, response.content


def victim_signs_up(client, email=VICTIM):
    return register(client, username="victim", email=email, password=VICTIMS_PASSWORD)


def replay_the_attack(client, mailoutbox):
    """The victim signs up, asks for a resend and follows the newest activation link."""
    signed_up = victim_signs_up(client)
    resend(client, VICTIM)
    links = [m for m in mails_to(mailoutbox) if "/activate/" in m.body]
    activate(client, **activation_link(links[-1]))
    return signed_up


# --- The attack ----------------------------------------------------------------------------


def test_attacker_cannot_log_in_after_the_victim_follows_the_resent_link(
    anon, squatted, mailoutbox
):
    replay_the_attack(anon, mailoutbox)
    response = jwt_create(anon, "evil", ATTACKERS_PASSWORD)
    assert response.status_code == 401, "the attacker's password still opens the account"


def test_attacker_cannot_log_in_after_the_victim_follows_the_notices_link(
    anon, squatted, mailoutbox
):
    victim_signs_up(anon)
    activate(anon, **activation_link(takeover_notice(mailoutbox)))
    response = jwt_create(anon, "evil", ATTACKERS_PASSWORD)
    assert response.status_code == 401, "the attacker's password still opens the account"


def test_victims_sign_up_still_says_the_address_is_taken(anon, squatted, mailoutbox):
    """04 says so for any taken address (README, "What this strategy cannot do")."""
    response = victim_signs_up(anon)
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN


def test_sign_up_with_the_address_in_another_case_voids_the_password_too(
    anon, squatted, mailoutbox
):
    victim_signs_up(anon, email="Victim@EXAMPLE.com")
    assert user("evil").has_usable_password() is False


# --- Telling the victim, by email only -----------------------------------------------------


def test_victim_is_mailed_which_account_holds_the_address(anon, squatted, mailoutbox):
    victim_signs_up(anon)
    assert '"evil"' in takeover_notice(mailoutbox).body


def test_takeover_notice_says_how_to_reset_the_password(anon, squatted, mailoutbox):
    victim_signs_up(anon)
    assert f"{origin()}/auth/users/reset_password/" in takeover_notice(mailoutbox).body


def test_resent_activation_mail_names_the_account(anon, squatted, mailoutbox):
    resend(anon, VICTIM)
    assert 'account "evil"' in mails_to(mailoutbox)[-1].body


def test_registration_activation_mail_names_the_account(anon, mailoutbox):
    register(anon, username="carol")
    assert 'account "carol"' in mailoutbox[0].body


# --- The owner of the mailbox takes the account over ---------------------------------------


def test_victim_takes_the_account_over_by_activating_then_resetting(anon, squatted, mailoutbox):
    victim_signs_up(anon)
    activated = activate(anon, **activation_link(takeover_notice(mailoutbox)))
    request_reset(anon, VICTIM)
    confirmed = confirm_reset(anon, **reset_link(mailoutbox[-1]), new_password=VICTIMS_PASSWORD)
    login = jwt_create(anon, "evil", VICTIMS_PASSWORD)
    assert activated.status_code == 204, activated.content
    assert confirmed.status_code == 204, confirmed.content
    assert login.status_code == 200, login.content


def test_reset_mails_an_account_whose_password_was_voided(anon, squatted, mailoutbox):
    victim_signs_up(anon)
    activate(anon, **activation_link(takeover_notice(mailoutbox)))
    request_reset(anon, VICTIM)
    assert "/password-reset/" in mailoutbox[-1].body, "no reset link was mailed"


def test_resend_mails_an_account_whose_password_was_voided(anon, squatted, mailoutbox):
    victim_signs_up(anon)
    before = len(mailoutbox)
    resend(anon, VICTIM)
    assert len(mailoutbox) == before + 1, "no activation mail was resent"


# --- Email changes, and races --------------------------------------------------------------


def test_email_change_to_a_squatted_address_voids_the_squatters_password(
    login, users, squatted, mailoutbox
):
    body = {"email": VICTIM, "current_password": PASSWORD}
    response = login(users["user"]).patch("/auth/users/me/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN
    assert user("evil").has_usable_password() is False
    assert len([m for m in mails_to(mailoutbox) if is_takeover_notice(m)]) == 1


def test_sign_up_that_lost_a_race_for_the_address_voids_the_password_too(
    anon, squatted, mailoutbox, monkeypatch
):
    """Parallel sign-ups all pass the serializer's check; the database refuses the loser."""
    from accounts.serializers import UniqueEmailValidator

    monkeypatch.setattr(UniqueEmailValidator, "__call__", lambda self, value, field: None)
    response = victim_signs_up(anon)
    assert response.status_code == 400, response.content
    assert response.json() == EMAIL_TAKEN
    assert user("evil").has_usable_password() is False


# --- What stays as it was ------------------------------------------------------------------


def test_sign_up_with_an_active_accounts_address_leaves_its_password_alone(anon, users):
    register(anon, username="victim", email="alice@example.com")
    assert jwt_create(anon, "alice", PASSWORD).status_code == 200


def test_sign_up_with_a_fresh_address_mails_no_notice(anon, mailoutbox):
    register(anon, username="carol")
    assert [m.subject for m in mailoutbox if is_takeover_notice(m)] == []


def test_activation_link_mailed_before_the_voiding_no_longer_works(anon, squatted, mailoutbox):
    """The link's token hashes the password, so the attacker's registration mail dies."""
    (registration_mail,) = mails_to(mailoutbox)
    victim_signs_up(anon)
    response = activate(anon, **activation_link(registration_mail))
    assert response.status_code == 400, response.content
    assert response.json() == INVALID_TOKEN


def test_address_named_twice_at_once_mails_one_working_link_twice(
    anon, squatted, mailoutbox, monkeypatch, time_machine
):
    """Two sign-ups both find the password usable; one voids it, and both mail a link
    for the voided one (voiding it twice would kill the first mail's link)."""
    from accounts import address_claims

    time_machine.move_to("2026-11-22 12:00:00+00:00", tick=False)  # one token timestamp
    original = address_claims.void_password

    def the_other_sign_up_first(user):
        monkeypatch.setattr(address_claims, "void_password", original)
        register(anon, username="victim2", email=VICTIM, password=VICTIMS_PASSWORD)
        original(user)

    monkeypatch.setattr(address_claims, "void_password", the_other_sign_up_first)
    victim_signs_up(anon)
    first, second = [activation_link(m) for m in mails_to(mailoutbox) if is_takeover_notice(m)]
    assert first == second, "the second voiding killed the first mail's link"
