"""Chapter 02: a key from `POST /api/api-token-auth/`, sent as `Authorization: Token <key>`."""

from .base import Adapter, PasswordCheck

CHAPTER = "02_token"

TOKEN_URL = "/api/api-token-auth/"


def obtain_token(client, username, password, **extra):
    body = {"username": username, "password": password}
    return client.post(TOKEN_URL, body, format="json", **extra)


class TokenAdapter(Adapter):
    name = "token"
    login_path = TOKEN_URL
    label = "Token"
    challenge = "Token"
    # One key per user, shared by every client that logged in: deleting it logs out all.
    capabilities = frozenset(
        {"token", "challenge", "revocable", "password-change-revokes", "logout-everywhere"}
    )
    schemes = ("Token",)
    queries_per_request = 1  # the key, joined with its user

    def login(self, client, username, password):
        response = obtain_token(client, username, password)
        assert response.status_code == 200, response.content
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")

    def logout(self, client):
        """Deletes the key on the server. The client keeps sending it, so a test can
        check that the old key is now refused."""
        response = client.delete(TOKEN_URL)
        assert response.status_code == 204, response.content

    def logout_everywhere(self, client):
        """The same request as `logout`: the user's one key is every client's key."""
        self.logout(client)

    def password_checks(self):
        return [PasswordCheck("token-endpoint", obtain_token)]


ADAPTERS = [TokenAdapter()]
