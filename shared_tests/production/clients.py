"""Plain HTTP for the production tests: one request, and each adapter's login.

The suite's adapters drive Django's test client in-process; these speak HTTP to a real
server, through the same endpoints, and answer the headers a client then sends.
"""

import http.client
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import NamedTuple
from urllib.parse import urlsplit

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


# Where the variants whose login needs the CSRF token get its cookie (01's session, 05's cookie).
CSRF_PATHS = {"session": "/api/auth/csrf/", "cookie": "/api/v1/dj-rest-auth/csrf/"}


def password_check(base_url, adapter, username, password, headers=None):
    """Sends a password where `adapter` logs in: one check, right or wrong."""
    if adapter.login_path is None:  # Basic: the password goes with any request
        headers = {"Authorization": basic_header(username, password)}
        return request(base_url, "GET", "/api/secret/", headers=headers)
    if adapter.name in CSRF_PATHS:  # a browser's login: the CSRF cookie first
        csrf = request(base_url, "GET", CSRF_PATHS[adapter.name]).cookies["csrftoken"]
        headers = {"Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf}
    body = {"username": username, "password": password}
    return request(base_url, "POST", adapter.login_path, body, headers)


def cookie_headers(cookies):
    """What a browser script sends after a cookie login: the cookies, and the CSRF token
    read from its cookie."""
    return {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "X-CSRFToken": cookies["csrftoken"],
    }


# What each variant sends after its login: (JSON field, scheme) for an `Authorization`
# header, or None where the login's cookies are the credential.
SENT_AS = {
    "token": ("token", "Token"),
    "jwt": ("access", "Bearer"),
    "djoser-jwt": ("access", "JWT"),
    "djoser-token": ("auth_token", "Token"),
    "bearer": ("access", "Bearer"),
}


def credentials(base_url, adapter, username, password):
    """Logs in over HTTP the way `adapter` does; answers the headers to send from now on."""
    if adapter.name == "basic":
        return {"Authorization": basic_header(username, password)}
    response = password_check(base_url, adapter, username, password)
    assert response.status == 200, response
    if adapter.name in SENT_AS:
        field, scheme = SENT_AS[adapter.name]
        return {"Authorization": f"{scheme} {response.body[field]}"}
    if adapter.name == "cookie":  # the access cookie; the refresh cookie is for refreshing
        return cookie_headers({name: response.cookies[name] for name in ("access", "csrftoken")})
    return cookie_headers(response.cookies)  # the session and the rotated CSRF token


def parallel_refresh_statuses(base_url, adapter, username, password, count):
    """Logs `username` in over HTTP, then sends its refresh token `count` times at once to
    the adapter's `refresh_path`; answers how many of each status came back."""
    credentials = {"username": username, "password": password}
    login = request(base_url, "POST", adapter.login_path, credentials)
    assert login.status == 200, login
    body = {"refresh": login.body["refresh"]}
    with ThreadPoolExecutor(count) as pool:
        answers = pool.map(
            lambda _: request(base_url, "POST", adapter.refresh_path, body), range(count)
        )
        return Counter(answer.status for answer in answers)
