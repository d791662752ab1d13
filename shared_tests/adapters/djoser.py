"""Chapter 04: Djoser's two logins, a JWT pair and a `Token` key.

The JWT adapter sends the notes' `JWT <access>` prefix; `Bearer` is tested on its own.
"""

import datetime
import re

from .base import REGISTERED_PASSWORD, Adapter, PasswordCheck

CHAPTER = "04_djoser"

# What every Djoser login offers on top of its credential.
ACCOUNT_FLOWS = {"djoser", "challenge", "registration", "email-verification", "password-reset"}


def register(client, **fields):
    form = {"username": "carol", "email": "carol@example.com", "password": REGISTERED_PASSWORD}
    return client.post("/auth/users/", {**form, **fields}, format="json")


def activate(client, message):
    """Posts the uid and token of the activation link in `message`, as its page would."""
    found = re.search(r"/activate/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)", message.body)
    assert found, message.body
    return client.post("/auth/users/activation/", found.groupdict(), format="json")


def request_reset(client, email):
    return client.post("/auth/users/reset_password/", {"email": email}, format="json")


def reset_link(message):
    """The uid and token of the password-reset link in `message`."""
    found = re.search(
        r"http://testserver/password-reset/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)", message.body
    )
    assert found, message.body
    return found.groupdict()


def confirm_reset(client, uid, token, new_password):
    body = {"uid": uid, "token": token, "new_password": new_password}
    return client.post("/auth/users/reset_password_confirm/", body, format="json")


JWT_CREATE = "/auth/jwt/create/"
TOKEN_LOGIN = "/auth/token/login/"


def jwt_create(client, username, password):
    return client.post(JWT_CREATE, {"username": username, "password": password}, format="json")


def token_login(client, username, password):
    return client.post(TOKEN_LOGIN, {"username": username, "password": password}, format="json")


# --- The account endpoints that check the current password ---------------------------------
# Someone holding a stolen access token could guess the password there. Each attempt is
# sent with a fresh access token of `username`, made as jwt/create makes one, so the
# attempt itself spends nothing but the guess. With the right password each one succeeds.


def signed_in(client, username):
    """`client` holding an access token of `username`'s account (made if there is none:
    a thief may hold the tokens of many accounts)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils.module_loading import import_string

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, f"{username}@example.com")
    obtain = import_string(settings.SIMPLE_JWT["TOKEN_OBTAIN_SERIALIZER"])
    client.credentials(HTTP_AUTHORIZATION=f"JWT {obtain.get_token(user).access_token}")
    return client


def set_password(client, username, password):
    """Sets the same password again when `password` is right."""
    body = {"current_password": password, "new_password": password}
    return signed_in(client, username).post("/auth/users/set_password/", body, format="json")


def set_username(client, username, password):
    """Renames the account to `<username>2` when `password` is right."""
    body = {"current_password": password, "new_username": f"{username}2"}
    return signed_in(client, username).post("/auth/users/set_username/", body, format="json")


def change_email(client, username, password):
    """Changes the email, and so deactivates the account, when `password` is right."""
    body = {"current_password": password, "email": f"{username}.new@example.com"}
    return signed_in(client, username).patch("/auth/users/me/", body, format="json")


def delete_account(client, username, password):
    """Deletes the account when `password` is right."""
    body = {"current_password": password}
    return signed_in(client, username).delete("/auth/users/me/", body, format="json")


ACCOUNT_PASSWORD_CHECKS = [
    PasswordCheck("set-password", set_password),
    PasswordCheck("set-username", set_username),
    PasswordCheck("email-change", change_email),
    PasswordCheck("delete-account", delete_account),
]


class DjoserAdapter(Adapter):
    queries_per_request = 1  # the user (the JWT) or the key joined with its user (Token)
    reset_confirm_status = 204
    reset_link_reused = {"token": ["Invalid token for given user."]}
    reset_password_field = "new_password"

    def register(self, client, **fields):
        return register(client, **fields)

    def confirm_email(self, client, message):
        response = activate(client, message)
        assert response.status_code == 204, response.content

    def request_reset(self, client, email):
        return request_reset(client, email)

    def confirm_reset(self, client, message, new_password):
        return confirm_reset(client, **reset_link(message), new_password=new_password)


class DjoserJWTAdapter(DjoserAdapter):
    name = "djoser-jwt"
    login_path = JWT_CREATE
    refresh_path = "/auth/jwt/refresh/"  # {"refresh": ...} in the body
    verify_path = "/auth/jwt/verify/"  # {"token": ...}
    blacklist_path = "/auth/jwt/blacklist/"  # {"refresh": ...}: the logout
    label = "JWT"
    challenge = 'Bearer realm="api"'
    # A password change, a reset or "log out everywhere" ends every JWT at once: the
    # tokens carry the user's generation (accounts/jwt_revocation.py).
    capabilities = frozenset(
        ACCOUNT_FLOWS
        | {
            "signed-token",
            "expiry",
            "stateless",
            "refresh-rotation",
            "password-change-revokes",
            "logout-everywhere",
        }
    )
    schemes = ("Bearer", "JWT")
    lifetime = datetime.timedelta(minutes=5)  # the access token's
    wrong_password_status = 401

    def login(self, client, username, password):
        tokens = self.token_pair(client, username, password)
        client.jwt_refresh = tokens["refresh"]
        self.use_access(client, tokens["access"])

    def token_pair(self, client, username, password):
        response = jwt_create(client, username, password)
        assert response.status_code == 200, response.content
        return response.json()

    def use_access(self, client, access):
        client.credentials(HTTP_AUTHORIZATION=f"JWT {access}")

    def refresh(self, client, refresh):
        return client.post("/auth/jwt/refresh/", {"refresh": refresh}, format="json")

    def password_checks(self):
        """The login first (`login_attempt`), then the account endpoints, listed once, here."""
        return [PasswordCheck("jwt-create", jwt_create), *ACCOUNT_PASSWORD_CHECKS]

    def logout(self, client):
        """Blacklists the refresh token. The access token lives on until it expires."""
        response = client.post(
            "/auth/jwt/blacklist/", {"refresh": client.jwt_refresh}, format="json"
        )
        assert response.status_code == 200, response.content

    def logout_everywhere(self, client):
        response = client.post("/auth/jwt/logout-everywhere/")
        assert response.status_code == 200, response.content


class DjoserTokenAdapter(DjoserAdapter):
    name = "djoser-token"
    login_path = TOKEN_LOGIN
    label = "Token"
    challenge = 'Bearer realm="api"'  # JWT is the first authentication class
    # Djoser keeps one key per user, shared by all its logins: deleting it (a logout, a
    # password change or reset, a deactivation) ends every one of them.
    capabilities = frozenset(
        ACCOUNT_FLOWS | {"revocable", "password-change-revokes", "logout-everywhere"}
    )
    schemes = ("Token",)
    wrong_password_status = 400

    def login(self, client, username, password):
        response = token_login(client, username, password)
        assert response.status_code == 200, response.content
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['auth_token']}")

    def logout(self, client):
        """Deletes the key on the server. The client keeps sending it, so a test can
        check that the old key is now refused."""
        response = client.post("/auth/token/logout/")
        assert response.status_code == 204, response.content

    def logout_everywhere(self, client):
        """The same request: the one key is every login of the user."""
        self.logout(client)

    def password_checks(self):
        return [PasswordCheck("token-login", token_login)]


ADAPTERS = [DjoserJWTAdapter(), DjoserTokenAdapter()]
