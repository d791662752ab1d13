"""How the suite reaches a chapter: every test client is made here.

In process (the default) a client is DRF's `APIClient`, which behaves like a browser:
CSRF is checked, as in production. With `--base-url URL` it is an `HTTPClient` with the
same surface, which sends every request to the server at URL (see http_mode.py for what
that run needs and skips).
"""

from urllib.parse import urlsplit

from rest_framework.test import APIClient

from .http_client import HTTPClient

# Where requests go: None in process, else the server's URL and whether it sits behind
# a TLS proxy (`--behind-tls-proxy`). Set once, by http_mode.py, before any test runs.
_server = {"base_url": None, "tls_proxy": False}


def use_server(base_url, tls_proxy=False):
    """Sends the requests of every client made from now on to the server at `base_url`."""
    _server.update(base_url=base_url.rstrip("/"), tls_proxy=tls_proxy)


def over_http():
    """Whether clients speak HTTP to a running server (`--base-url`)."""
    return _server["base_url"] is not None


def origin():
    """The origin the server sees, as it writes it into the links it emails:
    `http://testserver` in process, else the server's (`https://` behind a TLS proxy)."""
    if not over_http():
        return "http://testserver"
    netloc = urlsplit(_server["base_url"]).netloc
    scheme = "https" if _server["tls_proxy"] else urlsplit(_server["base_url"]).scheme
    return f"{scheme}://{netloc}"


def new_client():
    """A fresh client with no credentials and no cookies."""
    if over_http():
        return HTTPClient(_server["base_url"], tls_proxy=_server["tls_proxy"])
    return APIClient(enforce_csrf_checks=True)
