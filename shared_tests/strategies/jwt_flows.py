"""Helpers for tests of SimpleJWT's views: chapter 03's, and 04's under /auth/jwt/."""

from ..adapters.jwt import obtain_pair
from ..conftest import PASSWORD

ACCESS_LIFETIME = 5 * 60


def obtain(client, username="alice", password=PASSWORD, **extra):
    return obtain_pair(client, username, password, **extra)


def pair(client, username="alice"):
    response = obtain(client, username)
    assert response.status_code == 200, response.content
    return response.json()


def secret(client, access):
    return client.get("/api/secret/", HTTP_AUTHORIZATION=f"Bearer {access}")


class TokenViews:
    """SimpleJWT's refresh, verify and blacklist views, under the prefix a chapter mounts
    them at: /api/token/ in 03, /auth/jwt/ in 04."""

    def __init__(self, prefix):
        self.prefix = prefix

    def refresh(self, client, token):
        return client.post(f"{self.prefix}refresh/", {"refresh": token}, format="json")

    def verify(self, client, token):
        return client.post(f"{self.prefix}verify/", {"token": token}, format="json")

    def blacklist(self, client, token):
        return client.post(f"{self.prefix}blacklist/", {"refresh": token}, format="json")


TOKEN_VIEWS = TokenViews("/api/token/")
refresh, verify, blacklist = TOKEN_VIEWS.refresh, TOKEN_VIEWS.verify, TOKEN_VIEWS.blacklist


def token_not_valid(message):
    """The body SimpleJWT answers for a bad access token on an API view."""
    return {
        "detail": "Given token not valid for any token type",
        "code": "token_not_valid",
        "messages": [{"token_class": "AccessToken", "token_type": "access", "message": message}],
    }
