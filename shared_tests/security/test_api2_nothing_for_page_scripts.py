"""OWASP API2:2023 Broken Authentication: nothing a page script can read holds a token.

SPEC section 4, "Nothing for page scripts": where the credential is an httpOnly cookie,
an injected script (XSS) cannot read the cookie, but it can make the browser send it,
to the refresh endpoint among others, and read the JSON answer. So no answer to a
cookie client may hold a token, or the script carries one away and replays it from
anywhere. This is what makes the cookie "browser-safe storage" in the README's matrix.
"""

import re

import pytest

from ..conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.requires("httponly-cookie")]

# Three base64url parts separated by dots, the first one a JSON object: a JWT.
JWT = re.compile(rb"eyJ[\w-]+\.[\w-]+\.[\w-]*")


def token_cookies(client):
    """The values of the cookies a page script cannot read: the credential."""
    return [morsel.value for morsel in client.cookies.values() if morsel["httponly"]]


def holds_a_token(response, tokens):
    body = response.content
    return bool(JWT.search(body)) or any(token.encode() in body for token in tokens)


@pytest.mark.matrix("httponly-cookie", "yes")
def test_login_answer_holds_no_token(adapter, users):
    client = adapter.client()
    response = adapter.login_attempt(client, "alice", PASSWORD)
    assert response.status_code == 200, response.content
    assert not holds_a_token(response, token_cookies(client)), response.content


@pytest.mark.requires("refresh-rotation")
@pytest.mark.matrix("httponly-cookie", "yes")
def test_refresh_answer_holds_no_token(adapter, users):
    """The browser adds the refresh cookie by itself: any script on the page can ask."""
    client = adapter.client()
    adapter.login(client, "alice", PASSWORD)
    response = adapter.refresh(client, client.cookies["refresh"].value)
    assert response.status_code == 200, response.content
    assert not holds_a_token(response, token_cookies(client)), response.content
