"""Chapter 01: the Basic header, and the JSON session login with its CSRF dance."""

import base64

from .base import Adapter

CHAPTER = "01_basic_session"


class BasicAdapter(Adapter):
    name = "basic"
    challenge = 'Basic realm="api"'
    capabilities = frozenset({"basic", "challenge"})

    def login(self, client, username, password):
        raw = f"{username}:{password}".encode()
        client.credentials(HTTP_AUTHORIZATION=f"Basic {base64.b64encode(raw).decode()}")

    def logout(self, client):
        client.credentials()  # Basic has no server-side logout: stop sending the header


class SessionAdapter(Adapter):
    name = "session"
    challenge = 'Basic realm="api"'
    capabilities = frozenset({"session", "csrf", "challenge", "revocable"})

    def login(self, client, username, password):
        csrf = client.get("/api/auth/csrf/")
        assert csrf.status_code == 200, csrf.content
        response = client.post(
            "/api/auth/login/",
            {"username": username, "password": password},
            format="json",
            HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        )
        assert response.status_code == 200, response.content
        # Login rotates the CSRF token; unsafe requests from now on send the new one.
        client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    def logout(self, client):
        response = client.post("/api/auth/logout/")
        assert response.status_code == 204, response.content


ADAPTERS = [BasicAdapter(), SessionAdapter()]
