"""OWASP API2:2023 Broken Authentication, for strategies whose credential is a JWT.

A JWT is readable by whoever holds it, so an attacker can edit it: change the user,
strip the signature, pick another algorithm, present a refresh token where an access
token belongs, or replay one that should be dead. The server must notice every time.
"""

import hashlib
import json

import pytest
from django.conf import settings

from ..clock import NOW
from ..conftest import PASSWORD
from ..tokens import b64url, claims, forge

pytestmark = [pytest.mark.requires("signed-token"), pytest.mark.django_db]


@pytest.fixture
def tokens(adapter, users):
    """A real access and refresh token for alice, from the chapter's login endpoint."""
    return adapter.token_pair(adapter.client(), "alice", PASSWORD)


def secret_with(adapter, access):
    """The answer of a protected endpoint to `access`, sent the way the login sends it."""
    client = adapter.client()
    adapter.use_access(client, access)
    return client.get("/api/secret/")


def test_forgery_genuine_token_is_accepted(adapter, tokens):
    """The control case: the unedited token works, so the refusals below mean something."""
    response = secret_with(adapter, tokens["access"])
    assert response.status_code == 200, response.content
    assert response.json().get("code") is None


def test_forgery_tampered_signature_is_refused(adapter, tokens):
    """API2: one changed character in the signature."""
    header, payload, signature = tokens["access"].split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    response = secret_with(adapter, f"{header}.{payload}.{flipped}")
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_tampered_payload_is_refused(adapter, tokens, users):
    """API2: the payload edited to name the admin, the old signature kept."""
    header, _, signature = tokens["access"].split(".")
    payload = claims(tokens["access"]) | {"user_id": str(users["admin"].id)}
    forged = f"{header}.{b64url(json.dumps(payload).encode())}.{signature}"
    response = secret_with(adapter, forged)
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_alg_none_is_refused(adapter, tokens):
    """API2: an unsigned token that declares `"alg": "none"`."""
    forged = forge({"alg": "none", "typ": "JWT"}, claims(tokens["access"]))
    response = secret_with(adapter, forged)
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_changed_algorithm_header_is_refused(adapter, tokens):
    """API2: signed with the real key, but with HS512 instead of the configured HS256."""
    key = settings.SIMPLE_JWT["SIGNING_KEY"]
    header = {"alg": "HS512", "typ": "JWT"}
    forged = forge(header, claims(tokens["access"]), key, hashlib.sha512)
    response = secret_with(adapter, forged)
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_guessed_signing_key_is_refused(adapter, tokens):
    """API2: a well-formed token signed with the attacker's key."""
    forged = forge({"alg": "HS256", "typ": "JWT"}, claims(tokens["access"]), "guess-0123456789")
    response = secret_with(adapter, forged)
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_refresh_token_as_access_token_is_refused(adapter, tokens):
    """API2: the long-lived refresh token cannot stand in for an access token."""
    response = secret_with(adapter, tokens["refresh"])
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_expired_access_token_is_refused(adapter, users, time_machine):
    """API2: an access token one second past its lifetime."""
    time_machine.move_to(NOW, tick=False)
    access = adapter.token_pair(adapter.client(), "alice", PASSWORD)["access"]
    time_machine.shift(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds() + 1)
    response = secret_with(adapter, access)
    assert response.status_code == 401, response.content
    assert response.json().get("code") == "token_not_valid"


def test_forgery_rotated_refresh_token_cannot_be_replayed(adapter, tokens):
    """API2: after a refresh, the refresh token that was used is dead."""
    client = adapter.client()
    assert adapter.refresh(client, tokens["refresh"]).status_code == 200
    replay = adapter.refresh(adapter.client(), tokens["refresh"])
    assert replay.status_code == 401, replay.content
    assert replay.json().get("code") == "token_not_valid"
