"""Plain HTTP for the production tests: one request, and each adapter's login.

The suite's adapters drive Django's test client in-process; these speak HTTP to a real
server, through the same endpoints, and answer the headers a client then sends.
"""

import http.client
import json
from http.cookies import SimpleCookie
from typing import NamedTuple
from urllib.parse import urlsplit

from ..adapters.allauth import AUTH
from ..adapters.basic_session import basic_header


class Response(NamedTuple):
    status: int
    cookies: dict
    body: object  # the decoded JSON, or None


def request(base_url, method, path, body=None, headers=None):
    """One request on its own connection: gunicorn's sync workers close it anyway."""
    url = urlsplit(base_url)
    headers = {"Accept": "application/json", **(headers or {})}
    if body is not None:
        body = json.dumps(body)
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        content = response.read()
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        is_json = response.headers.get_content_type() == "application/json"
        return Response(
            response.status,
            {name: morsel.value for name, morsel in cookies.items()},
            json.loads(content) if is_json and content else None,
        )
    finally:
        connection.close()


def post_login(base_url, path, username, password, headers=None):
    body = {"username": username, "password": password}
    response = request(base_url, "POST", path, body, headers)
    assert response.status == 200, response
    return response


def cookie_headers(cookies):
    """What a browser script sends after a cookie login: the cookies, and the CSRF token
    read from its cookie."""
    return {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "X-CSRFToken": cookies["csrftoken"],
    }


def basic(base_url, username, password):
    return {"Authorization": basic_header(username, password)}


def session(base_url, username, password):
    csrf = request(base_url, "GET", "/api/auth/csrf/").cookies["csrftoken"]
    csrf_headers = {"Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf}
    response = post_login(base_url, "/api/auth/login/", username, password, csrf_headers)
    return cookie_headers(response.cookies)  # the session and the rotated CSRF token


def cookie(base_url, username, password):
    response = post_login(base_url, f"{AUTH}/login/", username, password)
    return cookie_headers({name: response.cookies[name] for name in ("access", "csrftoken")})


def key(path, field, scheme):
    """A login that answers a credential in JSON, sent back as `<scheme> <credential>`."""

    def login(base_url, username, password):
        credential = post_login(base_url, path, username, password).body[field]
        return {"Authorization": f"{scheme} {credential}"}

    return login


LOGINS = {
    "basic": basic,
    "session": session,
    "token": key("/api/api-token-auth/", "token", "Token"),
    "jwt": key("/api/token/", "access", "Bearer"),
    "djoser-jwt": key("/auth/jwt/create/", "access", "JWT"),
    "djoser-token": key("/auth/token/login/", "auth_token", "Token"),
    "cookie": cookie,
    "bearer": key(f"{AUTH}/login/", "access", "Bearer"),
}


def credentials(base_url, adapter, username, password):
    """Logs in over HTTP the way `adapter` does; answers the headers to send from now on."""
    return LOGINS[adapter.name](base_url, username, password)
