"""Chapter 05's uniqueness-guarded writes and emailed links, sent twelve at once.

Through four gunicorn workers on PostgreSQL, each request on its own connection, so
the checks of all twelve can run before any of them writes. The database decides:
one account per username and per address, and a link that works once. Every other
request gets the 4xx a sequential duplicate gets, never a 500.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from ..conftest import PASSWORD
from ..strategies.allauth_flows import AUTH
from .clients import request
from .conftest import FAST_HASHER

pytestmark = pytest.mark.requires("dj-rest-auth")

WORKERS = 4
PARALLEL = 12
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


@pytest.fixture
def server(database_url, gunicorn):
    return gunicorn(WORKERS, DATABASE_URL=database_url, **GENEROUS, **FAST_HASHER)


def all_at_once(base_url, path, bodies):
    """POSTs every body to `path` in parallel; answers a Counter of the statuses."""
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = pool.map(lambda body: request(base_url, "POST", path, body).status, bodies)
        return Counter(answers)


def sign_up(username, email):
    return {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD}


def test_parallel_sign_ups_of_one_username_make_one_account_and_400s(server):
    bodies = [sign_up("carol", f"carol{n}@example.com") for n in range(PARALLEL)]
    statuses = all_at_once(server, f"{AUTH}/registration/", bodies)
    assert statuses == {201: 1, 400: PARALLEL - 1}


def test_parallel_sign_ups_of_one_username_in_three_cases_make_one_account_and_400s(server):
    from django.contrib.auth import get_user_model

    cases = ["carol", "CAROL", "Carol"]
    bodies = [sign_up(cases[n % 3], f"carol{n}@example.com") for n in range(PARALLEL)]
    statuses = all_at_once(server, f"{AUTH}/registration/", bodies)
    assert statuses == {201: 1, 400: PARALLEL - 1}
    assert get_user_model().objects.filter(username__iexact="carol").count() == 1


def test_parallel_sign_ups_of_one_address_all_answer_alike_and_make_one_account(server):
    from allauth.account.models import EmailAddress  # only chapter 05 installs allauth

    bodies = [sign_up(f"carol{n}", "carol@example.com") for n in range(PARALLEL)]
    statuses = all_at_once(server, f"{AUTH}/registration/", bodies)
    assert statuses == {201: PARALLEL}
    assert EmailAddress.objects.filter(email="carol@example.com").count() == 1


def test_parallel_verifications_of_one_key_verify_once(server, make_user):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    user = make_user("carol")
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key  # what the verification email would carry
    statuses = all_at_once(server, f"{AUTH}/registration/verify-email/", [{"key": key}] * PARALLEL)
    assert statuses == {200: 1, 404: PARALLEL - 1}


def test_parallel_confirmations_of_one_reset_link_reset_once(server, make_user):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = make_user("alice")
    link = {"uid": user_pk_to_url_str(user), "token": default_token_generator.make_token(user)}
    bodies = [
        {**link, "new_password1": f"new-passphrase-{n}", "new_password2": f"new-passphrase-{n}"}
        for n in range(PARALLEL)
    ]
    statuses = all_at_once(server, f"{AUTH}/password/reset/confirm/", bodies)
    assert statuses == {200: 1, 400: PARALLEL - 1}
