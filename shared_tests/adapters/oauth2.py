"""Chapter 06: the authorization code flow with PKCE, then `Authorization: Bearer <access>`.

The login is a procedure (`Steps`): the login page, the consent page, the redirect with
the code, the token exchange (shared_tests/strategies/oauth2_flows.py). The tokens come
back in the token endpoint's JSON, whose fields RFC 6749 names; the refresh and the
logout post form-encoded bodies, as the OAuth endpoints read them.
"""

import datetime
import threading

from django.db import connections

from ..strategies.oauth2_flows import LOGIN_PAGE, PUBLIC_CLIENT, login_with_code_flow
from .adapter import Adapter
from .description import Body, Call, Header, Login, Refusal, Steps

CHAPTER = "06_oauth2"


def access_token_lifetime():
    """The chapter's setting, read when the test runs."""
    from oauth2_provider.settings import oauth2_settings

    return datetime.timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS)


def register_demo_clients(*user):
    """The clients `load_demo_data` registers, which the login needs: a test database
    starts without them. Idempotent; run with each user made, and before each login
    (a test may make its user without `create_user`)."""
    from accounts.demo_clients import register_demo_clients

    register_demo_clients()


def log_in(client, username, password, **extra):
    register_demo_clients()
    if threading.current_thread() is not threading.main_thread():
        # A race logs in from many threads. Each opened its own database connection,
        # which outlives the thread (Django closes a request's, not a thread's), and
        # PostgreSQL then refuses to drop the test database: this thread's, closed now.
        connections.close_all()
    return login_with_code_flow(client, username, password, **extra)


OAUTH2 = Login(
    name="oauth2",
    label="OAuth2",
    password=Steps("authorization-code-flow", LOGIN_PAGE, log_in),
    returned=Body("access_token", refresh="refresh_token"),
    sent=Header("Bearer"),
    challenge='Bearer realm="api"',
    # Opaque tokens, stored (as hashes) by the authorization server: revoking one ends
    # it at once. The refresh token rotates, and one that comes back revokes its login.
    capabilities=frozenset(
        {
            "oauth2",
            "challenge",
            "revocable",
            "expiry",
            "refresh-rotation",
            "password-change-revokes",
            "logout-everywhere",
            "credential-cache",
        }
    ),
    refresh=Call(
        "/o/token/",
        refresh_field="refresh_token",
        form={"grant_type": "refresh_token", "client_id": PUBLIC_CLIENT},
        # A refresh token the server no longer honours (RFC 6749, section 5.2).
        refused=Refusal(400, "invalid_grant", field="error"),
    ),
    # RFC 7009: revoking the refresh token revokes its access token too.
    logout=Call(
        "/o/revoke_token/",
        refresh_field="token",
        form={"token_type_hint": "refresh_token", "client_id": PUBLIC_CLIENT},
    ),
    logout_everywhere=Call("/o/logout-everywhere/"),
    lifetime=access_token_lifetime,
    queries_per_request=1,  # the token, joined with its user and its client
    make_user=register_demo_clients,
)

ADAPTERS = [Adapter(OAUTH2)]
