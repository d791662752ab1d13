"""What the test_allauth*.py files do through chapter 05's account endpoints, written once."""

from django.contrib.auth import get_user_model

from ..adapters.adapter import link_in
from ..adapters.allauth import ACCOUNTS, ADAPTERS, AUTH, csrf_cookie, login_attempt
from ..conftest import PASSWORD
from ..transport import origin

BAD_CREDENTIALS = {"non_field_errors": ["Unable to log in with provided credentials."]}
NOT_VERIFIED = {"non_field_errors": ["E-mail is not verified."]}


def register(client, password=PASSWORD, **fields):
    """The login description's sign-up (adapters/allauth.py), with the password these
    tests log carol in with."""
    return ADAPTERS[0].register(client, password, **fields)


def log_in(client, username="carol", password=PASSWORD, **extra):
    return login_attempt(client, username, password, **extra)


def log_in_by_email(client, email, password=PASSWORD):
    """The cookie login with the address instead of the username (CSRF token included)."""
    body = {"email": email, "password": password}
    return client.post(f"{AUTH}/login/", body, format="json", **csrf_cookie(client))


def verification_key(message):
    """The key of the verification link in an email (the pattern is the login
    description's), checked to point at the server the tests talk to."""
    key = link_in(ACCOUNTS.verification, message)["key"]
    link = f"{origin()}{AUTH}/registration/account-confirm-email/{key}/"
    assert link in message.body, message.body
    return key


def verify(client, key):
    return client.post(f"{AUTH}/registration/verify-email/", {"key": key}, format="json")


def resend(client, email):
    return client.post(f"{AUTH}/registration/resend-email/", {"email": email}, format="json")


def carol():
    return get_user_model().objects.get(username="carol")


def carols_address():
    from allauth.account.models import EmailAddress  # only chapter 05 installs allauth

    return EmailAddress.objects.get(user=carol())
