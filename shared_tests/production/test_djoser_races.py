"""04: uniqueness-guarded writes and emailed links, sent in parallel through gunicorn.

Twelve copies of one request reach four workers together, each with its own PostgreSQL
connection, so every copy passes the serializer's checks before any is written. The
database decides (04's accounts/emails.py and accounts/links.py): one copy succeeds, and
every other gets the answer a sequential duplicate gets, never a 500.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..conftest import PASSWORD
from .clients import request
from .conftest import FAST_HASHER

pytestmark = pytest.mark.requires("djoser")

WORKERS = 4
COPIES = 12
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}
EMAIL_TAKEN = {"email": ["A user with that email already exists."]}
USERNAME_TAKEN = {"username": ["A user with that username already exists."]}
LINK_USED = {"token": ["Invalid token for given user."]}
STALE = {"detail": "Stale token for given user."}


# The test process's key, so the links it makes are good; a key in the environment puts
# the chapter in production mode, which expects HTTPS from the proxy in front.
BEHIND_TLS_PROXY = {"DJANGO_TLS_PROXY": "1"}
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def server(database_url, gunicorn):
    """The chapter under four workers in production mode, signing with the test's key."""
    return gunicorn(
        WORKERS,
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        **BEHIND_TLS_PROXY,
        **GENEROUS,
        **FAST_HASHER,
    )


def post(server, path, body):
    return request(server, "POST", path, body, HTTPS)


def in_parallel(send, count=COPIES):
    """Sends `send(n)` for n in range(count) at once; answers (status, body) pairs."""
    with ThreadPoolExecutor(count) as pool:
        return [(r.status, r.body) for r in pool.map(send, range(count))]


def spelling(address, n):
    """`address` with the case of its letters switched by the bits of n."""
    letters = [i for i, char in enumerate(address) if char.isalpha()]
    chars = list(address)
    for bit, i in enumerate(letters):
        if n >> bit & 1:
            chars[i] = chars[i].upper()
    return "".join(chars)


def registration(username, email):
    return {"username": username, "email": email, "password": PASSWORD}


def link_for(user):
    return {
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def test_one_email_in_twelve_spellings_at_once_makes_one_account(server):
    def register(n):
        body = registration(f"racer{n}", spelling("idn@exämple.com", n))
        return post(server, "/auth/users/", body)

    answers = in_parallel(register)
    assert Counter(status for status, _ in answers) == {201: 1, 400: COPIES - 1}, answers
    assert [body for status, body in answers if status == 400] == [EMAIL_TAKEN] * (COPIES - 1)


def test_one_username_twelve_times_at_once_makes_one_account(server):
    def register(n):
        body = registration("racer", f"racer{n}@example.com")
        return post(server, "/auth/users/", body)

    answers = in_parallel(register)
    assert Counter(status for status, _ in answers) == {201: 1, 400: COPIES - 1}, answers
    assert [body for status, body in answers if status == 400] == [USERNAME_TAKEN] * (COPIES - 1)
    assert get_user_model().objects.filter(username="racer").count() == 1


def test_one_reset_link_confirmed_twelve_times_at_once_sets_one_password(server, make_user):
    link = link_for(make_user("victim"))

    def confirm(n):
        body = {**link, "new_password": f"the-new-phrase-{n}-42"}
        return post(server, "/auth/users/reset_password_confirm/", body)

    answers = in_parallel(confirm)
    assert Counter(status for status, _ in answers) == {204: 1, 400: COPIES - 1}, answers
    assert [body for status, body in answers if status == 400] == [LINK_USED] * (COPIES - 1)


def test_one_activation_link_used_twelve_times_at_once_activates_once(server, make_user):
    from accounts.links import await_activation

    user = make_user("newcomer", is_active=False)
    await_activation(user)
    link = link_for(user)

    def activate(n):
        return post(server, "/auth/users/activation/", link)

    answers = in_parallel(activate)
    assert Counter(status for status, _ in answers) == {204: 1, 403: COPIES - 1}, answers
    assert [body for status, body in answers if status == 403] == [STALE] * (COPIES - 1)


def test_a_pending_accounts_address_named_twelve_times_at_once_voids_its_password(
    server, make_user
):
    """Each sign-up naming the address of an account never activated voids that account's
    password (accounts/address_claims.py): in parallel, once, and never a 500."""
    from accounts.links import await_activation

    await_activation(make_user("squatter", email="victim@example.com", is_active=False))

    def register(n):
        body = registration(f"victim{n}", spelling("victim@example.com", n))
        return post(server, "/auth/users/", body)

    answers = in_parallel(register)
    assert answers == [(400, EMAIL_TAKEN)] * COPIES, answers
    squatter = get_user_model().objects.get(username="squatter")
    assert squatter.has_usable_password() is False, "the squatter's password still works"
