"""Chapter 01: the Basic header, and the JSON session login with its CSRF dance."""

import base64
import datetime

from django.conf import settings

from .base import Adapter, PasswordCheck

CHAPTER = "01_basic_session"


def basic_header(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class BasicAdapter(Adapter):
    name = "basic"
    label = "Basic"
    challenge = 'Basic realm="api"'
    # Stateless: there is no login to remember; the password proves itself every time.
    capabilities = frozenset({"basic", "stateless", "challenge", "password-change-revokes"})
    schemes = ("Basic",)
    queries_per_request = 1  # the user, whose password hash the header is checked against

    def login(self, client, username, password):
        client.credentials(HTTP_AUTHORIZATION=basic_header(username, password))

    def password_checks(self):
        return [
            PasswordCheck(
                "basic-header",
                lambda client, username, password: client.get(
                    "/api/secret/", HTTP_AUTHORIZATION=basic_header(username, password)
                ),
            )
        ]

    def logout(self, client):
        client.credentials()  # Basic has no server-side logout: stop sending the header


def csrf_token(client):
    assert client.get("/api/auth/csrf/").status_code == 200
    return client.cookies["csrftoken"].value


SESSION_LOGIN = "/api/auth/login/"
LOGOUT_EVERYWHERE = "/api/auth/logout-everywhere/"


def session_login(client, username, password):
    return client.post(
        SESSION_LOGIN,
        {"username": username, "password": password},
        format="json",
        HTTP_X_CSRFTOKEN=csrf_token(client),
    )


def browsable_login(client, username, password):
    form = {"username": username, "password": password}
    return client.post("/api-auth/login/", form, HTTP_X_CSRFTOKEN=csrf_token(client))


class SessionAdapter(Adapter):
    name = "session"
    login_path = SESSION_LOGIN
    label = "Session"
    challenge = 'Basic realm="api"'
    capabilities = frozenset(
        {
            "session",
            "httponly-cookie",
            "csrf",
            "challenge",
            "revocable",
            "expiry",
            "password-change-revokes",
            "logout-everywhere",
        }
    )
    queries_per_request = 2  # the session row, then the user it names

    @property
    def lifetime(self):
        """Django's session lifetime, counted from the login (SESSION_COOKIE_AGE)."""
        return datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)

    def login(self, client, username, password):
        response = session_login(client, username, password)
        assert response.status_code == 200, response.content
        # Login rotates the CSRF token; unsafe requests from now on send the new one.
        client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    def logout(self, client):
        response = client.post("/api/auth/logout/")
        assert response.status_code == 204, response.content

    def logout_everywhere(self, client):
        response = client.post(LOGOUT_EVERYWHERE)
        assert response.status_code == 204, response.content

    def password_checks(self):
        return [
            PasswordCheck("json-login", session_login),
            PasswordCheck("browsable-api-login", browsable_login),
        ]


ADAPTERS = [BasicAdapter(), SessionAdapter()]
