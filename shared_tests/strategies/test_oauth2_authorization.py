"""The authorization request and the code: PKCE, redirect URIs, state, consent, replay.

RFC 6749 section 4.1, RFC 7636 (PKCE) and RFC 9700 (the security best current
practice): the code is bound to the client, the redirect URI and the PKCE challenge,
works once, and is only handed to a redirect URI registered exactly.
"""

import datetime

import pytest

from ..conftest import PASSWORD
from ..transport import new_client
from . import oauth2_flows as flow

pytestmark = [pytest.mark.requires("oauth2"), pytest.mark.django_db]


@pytest.fixture
def browser(users):
    """A browser whose user (alice) is logged in on the authorization server's page."""
    client = new_client()
    _, challenge = flow.pkce_pair()
    logged_in = flow.logged_in_browser(client, "alice", PASSWORD, flow.authorize_params(challenge))
    assert logged_in.status_code == 302, logged_in.content
    return client


def test_anonymous_authorization_request_sends_the_browser_to_the_login_page(users):
    _, challenge = flow.pkce_pair()
    response = new_client().get(flow.AUTHORIZE, flow.authorize_params(challenge))
    assert response.status_code == 302
    assert response["Location"].startswith(flow.LOGIN_PAGE + "?next=")


def test_state_comes_back_unchanged_with_the_code(browser):
    _, challenge = flow.pkce_pair()
    params = flow.authorize_params(challenge, state="a b/c?d=é")
    query = flow.redirect_query(flow.consent(browser, params))
    assert query["state"] == "a b/c?d=é"
    assert "code" in query


def test_code_goes_to_the_registered_redirect_uri_with_the_issuer(browser):
    """RFC 9207: `iss` names the server, so a client with two can tell who answered."""
    _, challenge = flow.pkce_pair()
    response = flow.consent(browser, flow.authorize_params(challenge))
    assert flow.redirect_target(response) == flow.registered_redirect_uri()
    # DOT 3.4.1 names the origin here, and the origin plus /o/ as the OIDC issuer.
    issuer = new_client().get("/o/.well-known/openid-configuration").json()["issuer"]
    assert issuer == flow.redirect_query(response)["iss"] + "/o"


def test_denied_consent_redirects_with_access_denied_and_no_code(browser):
    _, challenge = flow.pkce_pair()
    response = flow.consent(browser, flow.authorize_params(challenge), allow=False)
    query = flow.redirect_query(response)
    assert query["error"] == "access_denied"
    assert query["state"] == "state-42"
    assert "code" not in query


def test_whole_flow_gives_a_bearer_token_that_reads_the_users_todos(users):
    answer = flow.tokens(new_client(), "alice", PASSWORD)
    assert answer["token_type"] == "Bearer"
    assert answer["scope"] == "read write"
    client = flow.bearer(new_client(), answer["access_token"])
    assert client.get("/api/todos/").status_code == 200


# --- PKCE: S256 only ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [{"code_challenge_method": "plain"}, {"code_challenge_method": None}],
    ids=["plain", "method-missing"],
)
def test_pkce_downgrade_is_refused_before_the_consent_page(browser, overrides):
    """`plain` sends the verifier itself; oauthlib reads a missing method as `plain`."""
    verifier, _ = flow.pkce_pair()
    params = flow.authorize_params(verifier, **overrides)
    query = flow.redirect_query(browser.get(flow.AUTHORIZE, params))
    assert query["error"] == "invalid_request"
    assert "code" not in query


def test_authorization_request_without_a_challenge_is_refused(browser):
    params = flow.authorize_params(None, code_challenge_method=None)
    query = flow.redirect_query(browser.get(flow.AUTHORIZE, params))
    assert query["error"] == "invalid_request"


def test_consent_form_edited_to_plain_is_refused(browser):
    """The consent page's hidden fields go back to the server: they are checked again."""
    verifier, challenge = flow.pkce_pair()
    params = flow.authorize_params(challenge)
    assert browser.get(flow.AUTHORIZE, params).status_code == 200
    edited = {**params, "code_challenge": verifier, "code_challenge_method": "plain"}
    fields = {**edited, "allow": "Authorize"}
    response = flow.form_post(browser, flow.AUTHORIZE, fields, **flow.csrf_header(browser))
    assert flow.redirect_query(response)["error"] == "invalid_request"


@pytest.mark.parametrize(
    "verifier", [None, "wrong-verifier-" + "x" * 40], ids=["missing", "wrong"]
)
def test_exchange_without_the_right_verifier_is_refused(browser, verifier):
    _, challenge = flow.pkce_pair()
    query = flow.redirect_query(flow.consent(browser, flow.authorize_params(challenge)))
    response = flow.exchange(new_client(), query["code"], verifier)
    assert response.status_code == 400, response.content
    assert response.json()["error"] in {"invalid_grant", "invalid_request"}


# --- redirect URIs: exactly as registered ------------------------------------------------

REDIRECT_VARIANTS = {
    "prefix": "http://127.0.0.1:8000/dem",
    "extra-path": "http://127.0.0.1:8000/demo/callback",
    "another-port": "http://127.0.0.1:8001/demo/",
    "encoded": "http://127.0.0.1:8000/%64emo/",
    "userinfo": "http://evil@127.0.0.1:8000/demo/",
    "query-added": "http://127.0.0.1:8000/demo/?next=https://evil.example",
    "another-host": "http://evil.example/demo/",
    "https": "https://127.0.0.1:8000/demo/",
}


@pytest.mark.parametrize("redirect_uri", REDIRECT_VARIANTS.values(), ids=REDIRECT_VARIANTS)
def test_redirect_uri_that_is_not_registered_exactly_gets_an_error_and_no_redirect(
    browser, redirect_uri
):
    """The server must not send a code, or even an error, to an unregistered URI."""
    _, challenge = flow.pkce_pair()
    params = flow.authorize_params(challenge, redirect_uri=redirect_uri)
    response = browser.get(flow.AUTHORIZE, params)
    assert response.status_code == 400, response.get("Location")
    assert response.json()["error"] == "invalid_request"


def test_exchange_naming_another_redirect_uri_than_the_authorization_is_refused(browser):
    verifier, challenge = flow.pkce_pair()
    query = flow.redirect_query(flow.consent(browser, flow.authorize_params(challenge)))
    other = "http://localhost:8000/demo/"  # registered too, but not the one authorized
    response = flow.exchange(new_client(), query["code"], verifier, redirect_uri=other)
    assert response.status_code == 400, response.content
    assert response.json()["error"] == "invalid_request"


# --- the code: once, by its own client ---------------------------------------------------


def authorized_code(browser):
    verifier, challenge = flow.pkce_pair()
    query = flow.redirect_query(flow.consent(browser, flow.authorize_params(challenge)))
    return query["code"], verifier


def test_code_replayed_is_refused(browser):
    code, verifier = authorized_code(browser)
    first = flow.exchange(new_client(), code, verifier)
    again = flow.exchange(new_client(), code, verifier)
    assert first.status_code == 200, first.content
    assert again.status_code == 400, again.content
    assert again.json()["error"] == "invalid_grant"


def test_code_replayed_revokes_the_tokens_it_bought(browser):
    """RFC 6749 section 4.1.2: the first redemption may have been the thief's."""
    code, verifier = authorized_code(browser)
    bought = flow.exchange(new_client(), code, verifier).json()
    flow.exchange(new_client(), code, verifier)
    access = flow.bearer(new_client(), bought["access_token"])
    assert access.get("/api/secret/").status_code == 401
    refreshed = flow.refresh(new_client(), bought["refresh_token"])
    assert refreshed.status_code == 400, refreshed.content


def test_code_redeemed_by_another_client_is_refused(browser):
    from oauth2_provider.models import get_access_token_model, get_application_model

    Application = get_application_model()
    Application.objects.create(
        client_id="another-public-client",
        client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=flow.registered_redirect_uri(),
        client_secret="",
        hash_client_secret=False,
    )
    code, verifier = authorized_code(browser)
    stolen = flow.exchange(new_client(), code, verifier, client_id="another-public-client")
    assert stolen.status_code == 400, stolen.content
    assert stolen.json()["error"] == "invalid_grant"
    assert get_access_token_model().objects.count() == 0


def test_code_expires_after_a_minute(browser, time_machine):
    time_machine.move_to(datetime.datetime.now(datetime.UTC), tick=False)
    code, verifier = authorized_code(browser)
    time_machine.shift(datetime.timedelta(seconds=61))
    response = flow.exchange(new_client(), code, verifier)
    assert response.status_code == 400, response.content
    assert response.json()["error"] == "invalid_grant"


# --- grants OAuth 2.1 removed -----------------------------------------------------------


def test_implicit_grant_is_refused(browser):
    _, challenge = flow.pkce_pair()
    params = flow.authorize_params(challenge, response_type="token")
    response = browser.get(flow.AUTHORIZE, params)
    assert "access_token" not in response.get("Location", "")
    # The demo client may not use it, and the server would not offer it to any.
    refusals = {"unauthorized_client", "unsupported_response_type"}
    assert flow.redirect_query(response)["error"] in refusals


def test_password_grant_is_refused(users):
    fields = {
        "grant_type": "password",
        "username": "alice",
        "password": PASSWORD,
        "client_id": flow.PUBLIC_CLIENT,
    }
    response = flow.form_post(new_client(), flow.TOKEN, fields)
    assert response.status_code in {400, 401}, response.content
    assert "access_token" not in response.json()


def test_failed_exchange_does_not_burn_the_code(browser):
    """A thief who has the code but not the verifier cannot spoil the client's exchange."""
    code, verifier = authorized_code(browser)
    without = flow.exchange(new_client(), code, None)
    exchanged = flow.exchange(new_client(), code, verifier)
    assert without.status_code == 400, without.content
    assert exchanged.status_code == 200, exchanged.content


def test_code_redeemed_twice_past_the_check_leaves_no_working_token(browser, monkeypatch):
    """The worst interleaving of two parallel exchanges: both pass `validate_code`
    before either records the code. The unique row decides, and both pairs die."""
    from accounts.validator import OAuth2Validator

    code, verifier = authorized_code(browser)
    first = flow.exchange(new_client(), code, verifier)
    monkeypatch.setattr(OAuth2Validator, "validate_code", racing_validate_code)
    second = flow.exchange(new_client(), code, verifier)
    assert first.status_code == 200, first.content
    assert second.status_code == 400, second.content
    access = flow.bearer(new_client(), first.json()["access_token"])
    assert access.get("/api/secret/").status_code == 401


def racing_validate_code(self, client_id, code, client, request, *args, **kwargs):
    """`validate_code` as a request that read the code before the other recorded it."""
    from oauth2_provider.models import get_grant_model

    grant = get_grant_model().objects.get(code=code, application=client)
    request.scopes, request.user = grant.scope.split(" "), grant.user
    return True
