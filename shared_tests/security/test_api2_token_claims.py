"""OWASP API2:2023 Broken Authentication: claims of the wrong type, signed with the RIGHT key.

Whoever holds the signing key (or a bug that signs what it should not) can put any JSON
in a claim. A token whose claims have the wrong type or range is refused like any other
bad token, a 401 `token_not_valid`, never a 500: on the API, where the access token is
read, and on refresh, where the refresh token is. Each case starts from a genuine token
of the chapter's login and changes one claim.
"""

import pytest
from django.conf import settings

from ..conftest import PASSWORD
from ..tokens import claims, forge

pytestmark = [pytest.mark.requires("signed-token"), pytest.mark.django_db]

MISSING = object()

# (claim, value): MISSING removes the claim.
BAD_CLAIMS = [
    ("user_id", "abc"),
    ("user_id", ["1"]),
    ("user_id", {"id": 1}),
    ("user_id", "1\x00"),
    ("user_id", True),
    ("user_id", 10**30),
    ("user_id", "9" * 5000),
    ("user_id", MISSING),
    ("exp", "9999999999"),
    ("exp", 10**30),
    ("exp", []),
    ("exp", True),
    ("exp", MISSING),
    ("iat", "abc"),
    ("iat", []),
    ("iat", 10**30),
    ("nbf", []),
    ("jti", MISSING),
    ("jti", ["x"]),
    ("jti", "x\x00"),
    ("jti", "x" * 300),
    ("token_type", ["access", "refresh"]),
    ("token_type", MISSING),
    ("gen", MISSING),
    ("gen", "0"),
    ("gen", True),
    ("gen", -1),
    ("gen", 2**70),
    ("gen", 0.5),
    ("fam", ["x"]),
    ("fam", "x\x00"),
    ("fam", "x" * 100),
]
IDS = [
    f"{claim}={'missing' if value is MISSING else repr(value)[:20]}" for claim, value in BAD_CLAIMS
]


def resigned(token, claim, value):
    """`token` with one claim changed, signed with the chapter's own signing key."""
    payload = claims(token)
    if value is MISSING:
        payload.pop(claim, None)
    else:
        payload[claim] = value
    return forge({"alg": "HS256", "typ": "JWT"}, payload, key=settings.SIMPLE_JWT["SIGNING_KEY"])


@pytest.fixture
def tokens(adapter, users):
    return adapter.token_pair(adapter.client(), "alice", PASSWORD)


def code_of(response):
    try:
        return response.json().get("code")
    except ValueError:
        return None


def test_claims_resigned_unchanged_are_accepted(adapter, tokens):
    """The control case: re-signing a genuine payload changes nothing."""
    client = adapter.client()
    adapter.use_access(client, resigned(tokens["access"], "jti", claims(tokens["access"])["jti"]))
    assert client.get("/api/secret/").status_code == 200


@pytest.mark.parametrize(("claim", "value"), BAD_CLAIMS, ids=IDS)
def test_claims_of_the_wrong_type_in_an_access_token_are_refused(adapter, tokens, claim, value):
    client = adapter.client()
    adapter.use_access(client, resigned(tokens["access"], claim, value))
    response = client.get("/api/secret/")
    assert response.status_code == 401, response.content
    assert code_of(response) == "token_not_valid", response.content


@pytest.mark.requires("refresh-rotation")
@pytest.mark.parametrize(("claim", "value"), BAD_CLAIMS, ids=IDS)
def test_claims_of_the_wrong_type_in_a_refresh_token_are_refused(adapter, tokens, claim, value):
    response = adapter.refresh(adapter.client(), resigned(tokens["refresh"], claim, value))
    assert response.status_code == 401, response.content


@pytest.mark.parametrize("kind", ["access", "refresh"])
@pytest.mark.parametrize(("claim", "value"), BAD_CLAIMS, ids=IDS)
def test_claims_of_the_wrong_type_are_refused_by_verify(adapter, tokens, kind, claim, value):
    verify_path = getattr(adapter, "verify_path", None)
    if verify_path is None:
        pytest.skip(f"{adapter.name} names no verify_path")
    body = {"token": resigned(tokens[kind], claim, value)}
    response = adapter.client().post(verify_path, body, format="json")
    assert response.status_code == 401, response.content
    assert code_of(response) == "token_not_valid", response.content


@pytest.mark.parametrize(("claim", "value"), BAD_CLAIMS, ids=IDS)
def test_claims_of_the_wrong_type_are_never_a_server_error_on_blacklist(
    adapter, tokens, claim, value
):
    """The logout: 03 and 04 answer 401; blacklisting a malformed token (05's 200) harms
    nobody, but it must not crash."""
    blacklist_path = getattr(adapter, "blacklist_path", None)
    if blacklist_path is None:
        pytest.skip(f"{adapter.name} names no blacklist_path with the token in the body")
    body = {"refresh": resigned(tokens["refresh"], claim, value)}
    response = adapter.client().post(blacklist_path, body, format="json")
    assert response.status_code in (200, 401), response.content
