"""OpenID Connect on top: an id_token signed RS256, discovery, the keys, userinfo.

OAuth 2 says what a client may do; the id_token says who logged in, signed with the
server's private key so that any client can check it with the published public key.
The key comes from `OIDC_RSA_PRIVATE_KEY` or is made per checkout, never committed.
"""

import json
import subprocess

import pytest
from django.conf import settings

from ..conftest import PASSWORD
from ..processes import run_in_chapter
from ..transport import new_client
from . import oauth2_flows as flow

pytestmark = [pytest.mark.requires("oauth2"), pytest.mark.django_db]


@pytest.fixture
def answer(users):
    return flow.tokens(new_client(), "alice", PASSWORD, scope="openid read")


def claims_of(id_token):
    from jwcrypto import jwk, jwt

    keys = jwk.JWKSet.from_json(new_client().get("/o/.well-known/jwks.json").content)
    checked = jwt.JWT(jwt=id_token, key=keys, algs=["RS256"])
    return json.loads(checked.claims), json.loads(checked.header)


def test_openid_scope_answers_an_id_token_signed_rs256_by_the_published_key(answer, users):
    claims, header = claims_of(answer["id_token"])
    assert header["alg"] == "RS256"
    assert claims["aud"] == flow.PUBLIC_CLIENT
    assert claims["sub"] == str(users["user"].pk)


def test_id_token_names_the_issuer_of_the_discovery_document(answer):
    discovery = new_client().get("/o/.well-known/openid-configuration").json()
    claims, _ = claims_of(answer["id_token"])
    assert claims["iss"] == discovery["issuer"]


def test_discovery_lists_the_endpoints_and_rs256(db):
    discovery = new_client().get("/o/.well-known/openid-configuration").json()
    assert discovery["authorization_endpoint"].endswith("/o/authorize/")
    assert discovery["token_endpoint"].endswith("/o/token/")
    assert discovery["jwks_uri"].endswith("/o/.well-known/jwks.json")
    # DOT lists HS256 too, for clients registered with it; the demo client is RS256.
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]


def test_jwks_publishes_the_public_key_only(db):
    keys = new_client().get("/o/.well-known/jwks.json").json()["keys"]
    assert [key["kty"] for key in keys] == ["RSA"]
    assert "d" not in keys[0]


def test_userinfo_names_the_user(answer, users):
    client = flow.bearer(new_client(), answer["access_token"])
    response = client.get("/o/userinfo/")
    assert response.status_code == 200, response.content
    assert response.json()["sub"] == str(users["user"].pk)


def test_userinfo_without_the_openid_scope_is_refused(users):
    answer = flow.tokens(new_client(), "alice", PASSWORD, scope="read")
    response = flow.bearer(new_client(), answer["access_token"]).get("/o/userinfo/")
    assert response.status_code in {401, 403}, response.content
    assert response.json()["error"] == "invalid_token"


def test_no_scope_openid_no_id_token(users):
    assert "id_token" not in flow.tokens(new_client(), "alice", PASSWORD, scope="read")


def test_signing_key_is_this_checkouts_own_and_git_ignores_it(db):
    """No key in the repository signs an id_token: the file is made per checkout."""
    key_file = settings.BASE_DIR / ".oidc_rsa_key.pem"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(key_file)], cwd=settings.BASE_DIR, check=False
    )
    assert ignored.returncode == 0, f"{key_file.name} is not ignored by git"


def test_signing_key_from_the_environment_is_used(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    code = (
        "import django; django.setup(); from oauth2_provider.settings import oauth2_settings;"
        "print(oauth2_settings.OIDC_RSA_PRIVATE_KEY.strip())"
    )
    result = run_in_chapter(
        "-c", code, DJANGO_SETTINGS_MODULE="config.settings", OIDC_RSA_PRIVATE_KEY=pem
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == pem.strip()


def test_a_key_that_is_not_an_rsa_key_stops_start_up_with_a_sentence(db):
    result = run_in_chapter("manage.py", "check", OIDC_RSA_PRIVATE_KEY="not a key")
    assert result.returncode != 0
    assert "OIDC_RSA_PRIVATE_KEY holds no usable RSA private key" in result.stderr
