"""Djoser's account flows as test steps, shared by the test_djoser_*.py files.

A helpers module, not a test module, so that no test module imports another.
"""

from django.contrib.auth import get_user_model

from ..adapters.adapter import link_in
from ..adapters.djoser import ACCOUNTS, ADAPTERS, jwt_create
from ..conftest import PASSWORD
from ..transport import origin
from .jwt_flows import TokenViews

NOT_ACTIVE = (
    "This account is not active. New accounts are activated with the link in the "
    "activation email; /auth/users/resend_activation/ sends it again."
)
# SimpleJWT's views as djoser.urls.jwt mounts them, plus the blacklist view (accounts/urls.py).
JWT_VIEWS = TokenViews("/auth/jwt/")
refresh, blacklist = JWT_VIEWS.refresh, JWT_VIEWS.blacklist


def register(client, password=PASSWORD, **fields):
    """The login description's sign-up (adapters/djoser.py), with the password these
    tests log carol in with."""
    return ADAPTERS[0].register(client, password, **fields)


def activation_link(message):
    """The uid and token of the activation link in an email (the pattern is the login
    description's), checked to point at the server the tests talk to."""
    parts = link_in(ACCOUNTS.verification, message)
    assert f"{origin()}/activate/{parts['uid']}/{parts['token']}" in message.body, message.body
    return parts


def activate(client, uid, token):
    return client.post("/auth/users/activation/", {"uid": uid, "token": token}, format="json")


def jwt_login(client, username="carol", password=PASSWORD):
    return jwt_create(client, username, password)


def resend(client, email):
    return client.post("/auth/users/resend_activation/", {"email": email}, format="json")


def carol():
    return get_user_model().objects.get(username="carol")
