"""dj-rest-auth with django-allauth: registration and the verification email.

test_allauth_cookies.py covers the JWT cookies and CSRF, test_allauth_passwords.py the
password endpoints, test_allauth_addresses.py who an address belongs to; the helpers
they share are in allauth_flows.py.
"""

import pytest

from .allauth_flows import (
    AUTH,
    BAD_CREDENTIALS,
    NOT_VERIFIED,
    carols_address,
    log_in,
    log_in_by_email,
    register,
    resend,
    verification_key,
    verify,
)

pytestmark = [pytest.mark.requires("dj-rest-auth"), pytest.mark.django_db]


# --- Registering ---------------------------------------------------------------------------


def test_registration_answers_201_and_says_an_email_is_on_its_way(anon):
    response = register(anon)
    assert response.status_code == 201, response.content
    assert response.json() == {"detail": "Verification e-mail sent."}


def test_registration_sets_no_cookie(anon):
    register(anon)
    assert list(anon.cookies) == []


def test_registration_records_an_unverified_address(anon):
    register(anon)
    address = carols_address()
    assert address.email == "carol@example.com"
    assert address.verified is False
    assert address.primary is True


def test_registration_needs_matching_passwords(anon):
    response = register(anon, password2="something-else-entirely-1")
    assert response.status_code == 400, response.content
    assert response.json() == {"non_field_errors": ["The two password fields didn't match."]}


def test_registration_applies_the_password_validators(anon):
    response = register(anon, password1="12345678", password2="12345678")
    assert response.status_code == 400, response.content
    assert response.json()["password1"] == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]


def test_registration_is_throttled(anon, rates):
    rates["dj_rest_auth"] = "1/minute"
    first = register(anon)
    second = register(anon, username="dave", email="dave@example.com")
    assert first.status_code == 201, first.content
    assert second.status_code == 429, second.content


# --- The verification email ----------------------------------------------------------------


def test_registration_sends_one_verification_email_to_the_address(anon, mailoutbox):
    register(anon)
    assert [message.to for message in mailoutbox] == [["carol@example.com"]]


def test_login_before_verification_is_refused_with_a_clear_message(anon):
    register(anon)
    response = log_in(anon)
    assert response.status_code == 400, response.content
    assert response.json() == NOT_VERIFIED


def test_login_before_verification_sets_no_cookie(anon):
    register(anon)
    assert list(log_in(anon).cookies) == []


def test_wrong_password_before_verification_says_nothing_about_the_email(anon):
    register(anon)
    response = log_in(anon, password="wrong")
    assert response.status_code == 400, response.content
    assert response.json() == BAD_CREDENTIALS


def test_opening_the_emailed_link_says_what_to_post(anon, mailoutbox):
    register(anon)
    key = verification_key(mailoutbox[0])
    response = anon.get(f"{AUTH}/registration/account-confirm-email/{key}/")
    assert response.status_code == 200, response.content
    assert response.json() == (
        {
            "detail": f"POST this key to {AUTH}/registration/verify-email/ to verify the address.",
            "key": key,
        }
    )


def test_opening_the_emailed_link_verifies_nothing(anon, mailoutbox):
    register(anon)
    anon.get(f"{AUTH}/registration/account-confirm-email/{verification_key(mailoutbox[0])}/")
    assert carols_address().verified is False


def test_verify_with_the_emailed_key_answers_ok(anon, mailoutbox):
    register(anon)
    response = verify(anon, verification_key(mailoutbox[0]))
    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "ok"}


def test_register_verify_from_the_email_then_log_in(anon, mailoutbox):
    register(anon)
    verify(anon, verification_key(mailoutbox[0]))
    response = log_in(anon)
    assert response.status_code == 200, response.content
    assert response.json()["user"]["username"] == "carol"


def test_verified_account_logs_in_by_email_too(anon, mailoutbox):
    register(anon)
    verify(anon, verification_key(mailoutbox[0]))
    response = log_in_by_email(anon, "carol@example.com")
    assert response.status_code == 200, response.content
    assert response.json()["user"]["username"] == "carol"


def test_verify_with_a_wrong_key_is_404(anon):
    register(anon)
    response = verify(anon, "MQ:1abcde:not-a-real-signature")
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}


def test_resend_mails_a_new_working_key(anon, mailoutbox):
    register(anon)
    resend(anon, "carol@example.com")
    verify(anon, verification_key(mailoutbox[-1]))
    assert len(mailoutbox) == 2
    assert log_in(anon).status_code == 200


@pytest.mark.parametrize(
    "email",
    ["nobody@example.com", "alice@example.com"],
    ids=["unknown", "already-verified"],
)
def test_resend_answers_alike_whether_or_not_it_sends(anon, users, mailoutbox, email):
    register(anon)
    pending = resend(anon, "carol@example.com")
    other = resend(anon, email)
    assert other.status_code == pending.status_code, other.content
    assert other.json() == pending.json()
    assert len(mailoutbox) == 2  # registration's and carol's resend, nothing for `email`


def test_resend_is_throttled(anon, rates):
    rates["dj_rest_auth"] = "1/minute"
    codes = [resend(anon, "nobody@example.com").status_code for _ in range(2)]
    assert codes == [200, 429]


def test_verify_spends_the_login_budget(anon, rates):
    rates["login"] = "1/minute"
    codes = [verify(anon, "MQ:guess").status_code for _ in range(2)]
    assert codes == [404, 429]


def test_resend_finds_the_address_whatever_its_case(anon, mailoutbox):
    register(anon)
    resend(anon, "Carol@EXAMPLE.com")
    assert [message.to for message in mailoutbox] == [["carol@example.com"]] * 2
