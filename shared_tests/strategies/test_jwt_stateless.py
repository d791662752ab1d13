"""Chapter 03's stateless class (accounts/stateless.py): what the bench measures against
SimpleJWT's own `JWTStatelessUserAuthentication`.

Each worker remembers a verified token by its bytes (accounts/jwt_cache.py, which the
stateful `JWTAuthentication` uses too), so these tests check what that memory must never
change: an expired token is refused though it was remembered, a token that fails its
check is refused every time, and one that passed is not checked twice.
"""

import pytest
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIRequestFactory

from ..clock import NOW
from .jwt_flows import ACCESS_LIFETIME, pair

pytestmark = [
    pytest.mark.requires("jwt"),
    pytest.mark.django_db,
    pytest.mark.in_process("calls the chapter's class and moves the test process's clock"),
]


@pytest.fixture
def memory():
    """accounts/jwt_cache.py, its verified tokens forgotten before and after."""
    from accounts import jwt_cache

    jwt_cache.verified.cache_clear()
    yield jwt_cache
    jwt_cache.verified.cache_clear()


def authenticate(access):
    from accounts.stateless import StatelessJWTAuthentication

    request = APIRequestFactory().get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {access}")
    return StatelessJWTAuthentication().authenticate(request)


def test_the_user_comes_from_the_claims(memory, anon, users):
    user, _ = authenticate(pair(anon)["access"])
    assert user.id == str(users["user"].pk), "the TokenUser is not the token's user"


def test_a_token_verified_once_is_not_verified_again(memory, anon, users, monkeypatch):
    access = pair(anon)["access"]
    authenticate(access)
    monkeypatch.setattr(memory.upstream(), "get_validated_token", pytest.fail)
    assert authenticate(access) is not None, "the remembered token was refused"


def test_a_remembered_token_is_refused_once_it_expires(memory, anon, users, time_machine):
    time_machine.move_to(NOW, tick=False)
    access = pair(anon)["access"]
    authenticate(access)
    time_machine.shift(ACCESS_LIFETIME + 1)
    with pytest.raises(AuthenticationFailed):
        authenticate(access)


def test_a_tampered_token_is_refused_every_time(memory, anon, users):
    access = pair(anon)["access"]
    tampered = access[:-2] + ("AA" if not access.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            authenticate(tampered)
    assert memory.verified.cache_info().currsize == 0, "a refused token was remembered"
