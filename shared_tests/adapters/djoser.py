"""Chapter 04: Djoser's two logins, a JWT pair and a `Token` key.

The JWT adapter sends the notes' `JWT <access>` prefix; `Bearer` is tested on its own.
"""

from .base import Adapter

CHAPTER = "04_djoser"

# What every Djoser login offers on top of its credential.
ACCOUNT_FLOWS = {"djoser", "challenge", "registration", "email-verification", "password-reset"}


class DjoserJWTAdapter(Adapter):
    name = "djoser-jwt"
    challenge = 'Bearer realm="api"'
    capabilities = frozenset(ACCOUNT_FLOWS | {"expiry", "stateless", "refresh-rotation"})

    def login(self, client, username, password):
        response = client.post(
            "/auth/jwt/create/", {"username": username, "password": password}, format="json"
        )
        assert response.status_code == 200, response.content
        client.jwt_refresh = response.json()["refresh"]
        client.credentials(HTTP_AUTHORIZATION=f"JWT {response.json()['access']}")

    def logout(self, client):
        """Blacklists the refresh token. The access token lives on until it expires."""
        response = client.post(
            "/auth/jwt/blacklist/", {"refresh": client.jwt_refresh}, format="json"
        )
        assert response.status_code == 200, response.content


class DjoserTokenAdapter(Adapter):
    name = "djoser-token"
    challenge = 'Bearer realm="api"'  # JWT is the first authentication class
    capabilities = frozenset(ACCOUNT_FLOWS | {"revocable"})

    def login(self, client, username, password):
        response = client.post(
            "/auth/token/login/", {"username": username, "password": password}, format="json"
        )
        assert response.status_code == 200, response.content
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['auth_token']}")

    def logout(self, client):
        """Deletes the key on the server. The client keeps sending it, so a test can
        check that the old key is now refused."""
        response = client.post("/auth/token/logout/")
        assert response.status_code == 204, response.content


ADAPTERS = [DjoserJWTAdapter(), DjoserTokenAdapter()]
