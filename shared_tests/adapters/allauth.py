"""Chapter 05: dj-rest-auth's login, used as a browser would (cookies) or as an app would.

The browser fetches the `csrftoken` cookie at `csrf/`, then logs in at `login/` with
its value in `X-CSRFToken`; the login sets the `access` and `refresh` cookies and
answers no token in JSON; it echoes the `csrftoken` cookie in `X-CSRFToken`, refresh and
logout included. The app logs in at `token/`, which answers both tokens in JSON and sets
no cookie; it sends the `Authorization` header, and its refresh token in the body.
"""

import datetime
import re

from django.utils.crypto import get_random_string

from .base import REGISTERED_PASSWORD, Adapter, PasswordCheck

CHAPTER = "05_allauth_registration"

AUTH = "/api/v1/dj-rest-auth"
LOGIN = f"{AUTH}/login/"
CSRF = f"{AUTH}/csrf/"
TOKEN = f"{AUTH}/token/"


def login_attempt(client, username, password, **extra):
    """A page's login: the CSRF cookie first, then the password with its token."""
    body = {"username": username, "password": password}
    return client.post(LOGIN, body, format="json", **csrf_cookie(client), **extra)


def csrf_cookie(client):
    """What a page does before its login: fetch the `csrftoken` cookie, echo it."""
    assert client.get(CSRF).status_code == 200
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def token_attempt(client, username, password, **extra):
    body = {"username": username, "password": password}
    return client.post(TOKEN, body, format="json", **extra)


def csrf_header(client):
    """What a page script sends: the `csrftoken` cookie's value in `X-CSRFToken`.

    A client that never logged in (a test replaying a copied token) gets the cookie a
    page of the site would have given it: Django accepts any token that matches it.
    """
    if "csrftoken" not in client.cookies:
        client.cookies["csrftoken"] = get_random_string(32)
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def request_reset(client, email):
    return client.post(f"{AUTH}/password/reset/", {"email": email}, format="json")


def reset_link(message):
    """The uid and token of the password-reset link in `message`."""
    found = re.search(
        rf"http://testserver{AUTH}/password/reset/confirm/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/",
        message.body,
    )
    assert found, message.body
    return found.groupdict()


def confirm_reset(client, uid, token, new_password):
    body = {"uid": uid, "token": token, "new_password1": new_password}
    body["new_password2"] = new_password
    return client.post(f"{AUTH}/password/reset/confirm/", body, format="json")


# What both clients offer on top of their credential.
SHARED = {
    "dj-rest-auth",
    "challenge",
    "expiry",
    "stateless",
    "signed-token",
    "refresh-rotation",
    # A password change, a reset or "log out everywhere" ends every JWT at once: the
    # tokens carry the user's generation (accounts/jwt_revocation.py).
    "password-change-revokes",
    "logout-everywhere",
    "registration",
    "email-verification",
    "password-reset",
}


class AllauthAdapter(Adapter):
    login_path = LOGIN
    challenge = 'Bearer realm="api"'
    lifetime = datetime.timedelta(minutes=5)  # the access token's
    queries_per_request = 1  # the user, so a deactivated user's token stops at once
    wrong_password_status = 400
    reset_confirm_status = 200
    reset_link_reused = {"token": ["Invalid value"]}
    reset_password_field = "new_password2"

    def create_user(self, username, password, **fields):
        """A user with a verified email address: allauth refuses the others at login."""
        from allauth.account.models import EmailAddress  # only chapter 05 installs allauth

        user = super().create_user(username, password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    def register(self, client, **fields):
        form = {"username": "carol", "email": "carol@example.com"}
        form |= {"password1": REGISTERED_PASSWORD, "password2": REGISTERED_PASSWORD}
        return client.post(f"{AUTH}/registration/", {**form, **fields}, format="json")

    def confirm_email(self, client, message):
        """Posts the key of the verification link in `message`, as its page would."""
        found = re.search(r"/account-confirm-email/(?P<key>[-:\w]+)/", message.body)
        assert found, message.body
        url = f"{AUTH}/registration/verify-email/"
        response = client.post(url, found.groupdict(), format="json")
        assert response.status_code == 200, response.content

    def request_reset(self, client, email):
        return request_reset(client, email)

    def confirm_reset(self, client, message, new_password):
        return confirm_reset(client, **reset_link(message), new_password=new_password)

    def login_attempt(self, client, username, password):
        return self.password_checks()[0].attempt(client, username, password)

    def post_login(self, client, username, password):
        response = self.login_attempt(client, username, password)
        assert response.status_code == 200, response.content
        return response

    def logout_everywhere(self, client):
        """With the CSRF header a page script sends (cookie clients need it)."""
        response = client.post(f"{AUTH}/logout-everywhere/", **csrf_header(client))
        assert response.status_code == 200, response.content


class CookieAdapter(AllauthAdapter):
    name = "cookie"
    label = "Cookie"
    capabilities = frozenset(SHARED | {"httponly-cookie", "csrf"})

    def login(self, client, username, password):
        self.post_login(client, username, password)
        client.credentials(**csrf_header(client))

    def token_pair(self, client, username, password):
        """Both tokens from their cookies: the JSON body holds neither."""
        self.post_login(client, username, password)
        return {
            "access": client.cookies["access"].value,
            "refresh": client.cookies["refresh"].value,
        }

    def logout(self, client):
        """Blacklists the refresh token and deletes both cookies. An access token copied
        before the logout lives on until it expires."""
        response = client.post(f"{AUTH}/logout/", **csrf_header(client))
        assert response.status_code == 200, response.content

    def use_access(self, client, access):
        client.cookies["access"] = access

    def refresh(self, client, refresh):
        """The refresh token travels only in its cookie, which this endpoint reads; the
        CSRF token goes with it, as a page script sends it."""
        client.cookies["refresh"] = refresh
        return client.post(f"{AUTH}/token/refresh/", format="json", **csrf_header(client))

    def password_checks(self):
        return [PasswordCheck("dj-rest-auth-login", login_attempt)]


class BearerAdapter(AllauthAdapter):
    name = "bearer"
    label = "Bearer"
    login_path = TOKEN
    refresh_path = f"{AUTH}/token/refresh/"  # {"refresh": ...} in the body
    verify_path = f"{AUTH}/token/verify/"  # {"token": ...}
    blacklist_path = f"{AUTH}/logout/"  # {"refresh": ...}: the logout
    capabilities = frozenset(SHARED)
    schemes = ("Bearer",)

    def login(self, client, username, password):
        response = self.post_login(client, username, password)
        client.jwt_refresh = response.json()["refresh"]  # kept aside, for the logout
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")

    def token_pair(self, client, username, password):
        """Both tokens from the JSON body: this login sets no cookie."""
        body = self.post_login(client, username, password).json()
        return {"access": body["access"], "refresh": body["refresh"]}

    def logout(self, client):
        """Blacklists the refresh token, sent in the body."""
        response = client.post(f"{AUTH}/logout/", {"refresh": client.jwt_refresh}, format="json")
        assert response.status_code == 200, response.content

    def password_checks(self):
        return [PasswordCheck("dj-rest-auth-token", token_attempt)]

    def use_access(self, client, access):
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    def refresh(self, client, refresh):
        return client.post(f"{AUTH}/token/refresh/", {"refresh": refresh}, format="json")


ADAPTERS = [CookieAdapter(), BearerAdapter()]
