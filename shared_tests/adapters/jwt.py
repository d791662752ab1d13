"""Chapter 03: a JWT pair from `POST /api/token/`, sent as `Authorization: Bearer <access>`."""

import datetime

from .base import Adapter, PasswordCheck

CHAPTER = "03_jwt"


PAIR_URL = "/api/token/"


def obtain_pair(client, username, password, **extra):
    body = {"username": username, "password": password}
    return client.post(PAIR_URL, body, format="json", **extra)


class JWTAdapter(Adapter):
    name = "jwt"
    login_path = PAIR_URL
    refresh_path = "/api/token/refresh/"  # {"refresh": ...} in the body
    verify_path = "/api/token/verify/"  # {"token": ...}
    blacklist_path = "/api/token/blacklist/"  # {"refresh": ...}: the logout
    label = "JWT"
    challenge = 'Bearer realm="api"'
    # Not "revocable": logout blacklists the refresh token, but the access token already
    # issued keeps working until it expires. A password change or "log out everywhere"
    # ends both at once: the tokens carry the user's generation, read with the user.
    capabilities = frozenset(
        {
            "jwt",
            "signed-token",
            "challenge",
            "expiry",
            "stateless",
            "refresh-rotation",
            "password-change-revokes",
            "logout-everywhere",
        }
    )
    schemes = ("Bearer",)
    lifetime = datetime.timedelta(minutes=5)  # the access token's
    queries_per_request = 1  # the user, so a deactivated user's token stops at once

    def login(self, client, username, password):
        tokens = self.token_pair(client, username, password)
        client.jwt_refresh = tokens["refresh"]
        self.use_access(client, tokens["access"])

    def token_pair(self, client, username, password):
        response = obtain_pair(client, username, password)
        assert response.status_code == 200, response.content
        return response.json()

    def use_access(self, client, access):
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    def refresh(self, client, refresh):
        return client.post(self.refresh_path, {"refresh": refresh}, format="json")

    def logout(self, client):
        """Blacklists the refresh token. The client keeps sending its access token, so a
        test can check what logout does and does not end."""
        response = client.post(
            "/api/token/blacklist/", {"refresh": client.jwt_refresh}, format="json"
        )
        assert response.status_code == 200, response.content

    def logout_everywhere(self, client):
        response = client.post("/api/token/logout-everywhere/")
        assert response.status_code == 200, response.content

    def password_checks(self):
        return [PasswordCheck("token-pair-endpoint", obtain_pair)]


ADAPTERS = [JWTAdapter()]
