"""Helpers for chapter 03's SimpleJWT tests (test_jwt.py, test_jwt_refresh.py)."""

import datetime

from ..adapters.jwt import obtain_pair
from ..conftest import PASSWORD

ACCESS_LIFETIME = 5 * 60
# Tests that move time start here, with the clock stopped (time_machine's fixture).
NOW = datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)


def obtain(client, username="alice", password=PASSWORD, **extra):
    return obtain_pair(client, username, password, **extra)


def pair(client, username="alice"):
    response = obtain(client, username)
    assert response.status_code == 200, response.content
    return response.json()


def secret(client, access):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {access}")


def token_not_valid(message):
    """The body SimpleJWT answers for a bad access token on an API view."""
    return {
        "detail": "Given token not valid for any token type",
        "code": "token_not_valid",
        "messages": [{"token_class": "AccessToken", "token_type": "access", "message": message}],
    }
