"""A refresh token is redeemed at most once, and one that comes back ends its login.

RFC 9700, section 4.14.2: a rotated refresh token presented again means two parties
hold it, and the server cannot tell the thief from the victim, so every refresh token
descended from that login (its family) is revoked and both must log in again. Other
logins of the same user are a different family and carry on.
"""

import pytest

from ..conftest import PASSWORD

pytestmark = [pytest.mark.requires("signed-token", "refresh-rotation"), pytest.mark.django_db]


def new_refresh(response):
    """The rotated refresh token: in the JSON body, or only in its cookie (05)."""
    assert response.status_code == 200, response.content
    return response.json().get("refresh") or response.cookies["refresh"].value


def login_refresh(adapter):
    return adapter.token_pair(adapter.client(), "alice", PASSWORD)["refresh"]


def test_refresh_token_is_redeemed_once_even_if_both_requests_pass_the_check(
    adapter, users, monkeypatch
):
    """The worst interleaving of two parallel refreshes: both read the blacklist before
    either writes. The unique blacklist row decides, not the check."""
    from accounts.simplejwt_fixes import AtomicBlacklistMixin

    monkeypatch.setattr(AtomicBlacklistMixin, "check_blacklist", lambda token: None)
    refresh = login_refresh(adapter)
    first = adapter.refresh(adapter.client(), refresh)
    second = adapter.refresh(adapter.client(), refresh)
    assert first.status_code == 200, second.content
    assert second.status_code == 401, second.content


def test_reused_refresh_token_is_refused_as_not_valid(adapter, users):
    old = login_refresh(adapter)
    new_refresh(adapter.refresh(adapter.client(), old))
    again = adapter.refresh(adapter.client(), old)
    assert again.status_code == 401, again.content
    assert again.json().get("code") == "token_not_valid"


def test_reused_refresh_token_revokes_the_token_that_replaced_it(adapter, users):
    old = login_refresh(adapter)
    victims = new_refresh(adapter.refresh(adapter.client(), old))
    adapter.refresh(adapter.client(), old)  # the thief replays the used one
    response = adapter.refresh(adapter.client(), victims)
    assert response.status_code == 401, "the family of a reused token still refreshes"


def test_reused_refresh_token_revokes_every_later_descendant(adapter, users):
    first = login_refresh(adapter)
    second = new_refresh(adapter.refresh(adapter.client(), first))
    third = new_refresh(adapter.refresh(adapter.client(), second))
    adapter.refresh(adapter.client(), first)
    response = adapter.refresh(adapter.client(), third)
    assert response.status_code == 401, "a grandchild of the reused token still refreshes"


def test_reuse_in_one_login_leaves_the_users_other_logins_alone(adapter, users):
    phone, laptop = login_refresh(adapter), login_refresh(adapter)
    new_refresh(adapter.refresh(adapter.client(), phone))
    adapter.refresh(adapter.client(), phone)
    response = adapter.refresh(adapter.client(), laptop)
    assert response.status_code == 200, "reuse in one login ended another login"


def test_reused_refresh_token_revokes_its_logins_access_tokens_at_once(adapter, users):
    pair = adapter.token_pair(adapter.client(), "alice", PASSWORD)
    new_refresh(adapter.refresh(adapter.client(), pair["refresh"]))
    adapter.refresh(adapter.client(), pair["refresh"])
    client = adapter.client()
    adapter.use_access(client, pair["access"])
    assert client.get("/api/secret/").status_code == 401, "the reused login's access works"


def test_reuse_in_one_login_leaves_the_other_logins_access_tokens_alone(adapter, users):
    phone = adapter.token_pair(adapter.client(), "alice", PASSWORD)
    laptop = adapter.token_pair(adapter.client(), "alice", PASSWORD)
    new_refresh(adapter.refresh(adapter.client(), phone["refresh"]))
    adapter.refresh(adapter.client(), phone["refresh"])
    client = adapter.client()
    adapter.use_access(client, laptop["access"])
    assert client.get("/api/secret/").status_code == 200, "reuse ended another login's access"


def test_reused_refresh_token_revokes_an_access_token_already_in_use(adapter, users):
    """In use, so its user is remembered (accounts/jwt_cache.py) when the family ends."""
    pair = adapter.token_pair(adapter.client(), "alice", PASSWORD)
    client = adapter.client()
    adapter.use_access(client, pair["access"])
    assert client.get("/api/secret/").status_code == 200, "a fresh access token was refused"
    new_refresh(adapter.refresh(adapter.client(), pair["refresh"]))
    adapter.refresh(adapter.client(), pair["refresh"])
    assert client.get("/api/secret/").status_code == 401, "the reused login's access works"
