"""Plain HTTP for the production tests: one request, and each variant's login.

The logins are the suite's own (shared_tests/adapters/), driven through an `HTTPClient`
against a real server; `credentials` answers the headers a client then sends.
"""

import http.client
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import NamedTuple
from urllib.parse import urlsplit

from ..transport.http_client import HTTPClient


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


def answer(response):
    """An `HTTPClient` response as the production tests read it."""
    is_json = response.get("Content-Type", "").startswith("application/json")
    return Response(
        response.status_code,
        {name: morsel.value for name, morsel in response.cookies.items()},
        response.json() if is_json and response.content else None,
    )


def password_check(base_url, adapter, username, password):
    """Sends a password where `adapter` logs in: one check, right or wrong."""
    return answer(adapter.login_attempt(HTTPClient(base_url), username, password))


def credentials(base_url, adapter, username, password):
    """Logs in over HTTP the way `adapter` does; answers the headers to send from now on."""
    client = HTTPClient(base_url)
    adapter.login(client, username, password)
    return adapter.sent_headers(client)


def parallel_refresh_statuses(base_url, adapter, username, password, count):
    """Logs `username` in over HTTP, then sends its refresh token `count` times at once,
    each from a client of its own; answers how many of each status came back."""
    refresh = adapter.token_pair(HTTPClient(base_url), username, password)["refresh"]
    with ThreadPoolExecutor(count) as pool:
        answers = pool.map(lambda _: adapter.refresh(HTTPClient(base_url), refresh), range(count))
        return Counter(answer.status_code for answer in answers)
