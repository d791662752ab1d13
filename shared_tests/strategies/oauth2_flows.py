"""Chapter 06's authorization code flow with PKCE, step by step, as a client runs it.

Every step is a real request to the chapter's endpoints, with a client from
`shared_tests/transport.py` (the `APIClient` surface only), so the same steps work in
process and over HTTP:

1. the client sends the user to `/o/authorize/` with a PKCE challenge and a `state`;
2. the authorization server sends a visitor who is not logged in to its login page,
   which the user fills in (CSRF-protected, like every Django form);
3. back at `/o/authorize/`, the consent page; the user approves (or denies);
4. the server redirects to the client's `redirect_uri` with `code` and `state`;
5. the client exchanges the code and its PKCE verifier for tokens at `/o/token/`.

`login_with_code_flow` is the login description's `Steps.run`; the strategy tests call
the steps one by one to attack each of them.
"""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

AUTHORIZE = "/o/authorize/"
TOKEN = "/o/token/"
REVOKE = "/o/revoke_token/"
INTROSPECT = "/o/introspect/"
LOGIN_PAGE = "/accounts/login/"

# The clients that `load_demo_data` registers (06_oauth2/accounts/management/commands/).
PUBLIC_CLIENT = "little-lemon-demo"
CONFIDENTIAL_CLIENT = "little-lemon-reports"
FORM = "application/x-www-form-urlencoded"


def registered_redirect_uri():
    """The public client's first registered redirect URI: the laptop's
    `http://127.0.0.1:8000/demo/`, or an https one in production (accounts/demo_clients.py)."""
    from accounts.demo_clients import demo_redirect_uris

    return demo_redirect_uris()[0]


def pkce_pair():
    """A fresh code verifier and its S256 challenge (RFC 7636, section 4)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_params(challenge, *, scope="read write", state="state-42", **overrides):
    """The query of an authorization request by the public client; `None` drops a key."""
    params = {
        "response_type": "code",
        "client_id": PUBLIC_CLIENT,
        "redirect_uri": registered_redirect_uri(),
        "scope": scope,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **overrides,
    }
    return {key: value for key, value in params.items() if value is not None}


def form_post(client, path, fields, **extra):
    """A form-encoded POST, as a browser's form or an OAuth client sends it."""
    return client.post(path, urlencode(fields), content_type=FORM, **extra)


def csrf_header(client):
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def log_in_on_the_login_page(client, username, password, next_url, **extra):
    """Steps 2: the login page (for its CSRF cookie), then the form. Answers the POST:
    a 302 back to `next_url` when the password was right."""
    page = client.get(LOGIN_PAGE, {"next": next_url})
    assert page.status_code == 200, (LOGIN_PAGE, page.status_code)
    fields = {"username": username, "password": password, "next": next_url}
    return form_post(client, LOGIN_PAGE, fields, **csrf_header(client), **extra)


def consent(client, params, allow=True):
    """Step 3: the consent page, then the user's answer. Answers the POST: a 302 to
    the redirect URI with a code (or `error=access_denied`)."""
    page = client.get(AUTHORIZE, params)
    assert page.status_code == 200, (AUTHORIZE, page.status_code, page.content[:300])
    fields = {**params, **({"allow": "Authorize"} if allow else {})}
    return form_post(client, AUTHORIZE, fields, **csrf_header(client))


def redirect_query(response):
    """The query of the redirect a response sends the browser to, as a flat dict."""
    assert response.status_code == 302, (response.status_code, response.content[:300])
    location = urlsplit(response["Location"])
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def redirect_target(response):
    """Where a 302 goes, without its query."""
    location = urlsplit(response["Location"])
    return f"{location.scheme}://{location.netloc}{location.path}"


def exchange(client, code, verifier, *, redirect_uri=None, client_id=PUBLIC_CLIENT, **more):
    """Step 5: the code and verifier for tokens (sent back to the first registered
    redirect URI unless another is named); `None` in `more` drops a field."""
    fields = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri or registered_redirect_uri(),
        "client_id": client_id,
        "code_verifier": verifier,
    }
    fields = {key: value for key, value in {**fields, **more}.items() if value is not None}
    return form_post(client, TOKEN, fields)


def logged_in_browser(client, username, password, params, **extra):
    """Steps 1 and 2: answers the login form's response (a 302 back to authorize)."""
    start = client.get(AUTHORIZE, params)
    assert start.status_code == 302, (AUTHORIZE, start.status_code, start.content[:300])
    next_url = f"{AUTHORIZE}?{urlencode(params)}"
    return log_in_on_the_login_page(client, username, password, next_url, **extra)


def authorization_code(client, username, password, params):
    """Steps 1 to 4: answers the code the redirect carries, or fails the test."""
    logged_in = logged_in_browser(client, username, password, params)
    assert logged_in.status_code == 302, ("login refused", logged_in.status_code)
    query = redirect_query(consent(client, params))
    assert "code" in query, query
    return query["code"]


def login_with_code_flow(client, username, password, scope="read write", **extra):
    """The whole flow; answers the token response, or the first response that refused
    (the login form's 400 for a wrong password, a 429 once throttled)."""
    verifier, challenge = pkce_pair()
    params = authorize_params(challenge, scope=scope)
    logged_in = logged_in_browser(client, username, password, params, **extra)
    if logged_in.status_code != 302:
        return logged_in
    query = redirect_query(consent(client, params))
    return exchange(client, query["code"], verifier)


def refresh(client, refresh_token, *, client_id=PUBLIC_CLIENT, **extra):
    """A refresh by the public client; `extra` adds fields (`scope`), `None` drops one."""
    fields = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    fields["client_id"] = client_id
    fields = {key: value for key, value in {**fields, **extra}.items() if value is not None}
    return form_post(client, TOKEN, fields)


def client_credentials_token(client, secret, scope="read", client_id=CONFIDENTIAL_CLIENT):
    """The confidential client's own token (no user), with its secret in the body."""
    fields = {
        "grant_type": "client_credentials",
        "client_id": client_id,
        "client_secret": secret,
        "scope": scope,
    }
    return form_post(client, TOKEN, fields)


def tokens(client, username, password, scope="read write"):
    """The token response's JSON after the whole flow, or fails the test."""
    response = login_with_code_flow(client, username, password, scope=scope)
    assert response.status_code == 200, response.content
    return response.json()


def bearer(client, access_token):
    """`client`, sending `access_token` from now on."""
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return client
