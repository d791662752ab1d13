"""What a client sends to prove who it is, and what someone who copied it can do with it.

Helpers for tests that steal a credential (a copy taken before a logout, a password
change, a deactivation) and replay it from a client that shares nothing else.
"""

from .adapters.adapter import state_of
from .transport import new_client


def sent_credentials(client):
    """What `client` sends to prove who it is, after checking that it does: the
    header its login made it send, as `{"HTTP_AUTHORIZATION": ...}` extras (None where
    the credential is a cookie), and its cookies."""
    response = client.get("/api/secret/")
    assert response.status_code == 200, response.content
    cookies = {name: morsel.value for name, morsel in client.cookies.items() if morsel.value}
    return state_of(client).header, cookies


def replay(header, cookies):
    """A new client that sends these credentials and nothing else: no CSRF header."""
    client = new_client()
    if header:
        client.credentials(**header)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def same_credentials(client):
    """A new client with `client`'s credentials and no CSRF header: what someone who
    copied them sends, or what a forged cross-site request carries (the cookies)."""
    return replay(*sent_credentials(client))


def secret_status(client):
    """The status of `GET /api/secret/`: 200 for any authenticated user, else 401."""
    return client.get("/api/secret/").status_code


def write_status(client):
    """The status of creating a todo: an unsafe request, where CSRF applies."""
    return client.post("/api/todos/", {"title": "x"}, format="json").status_code
