"""A client with `APIClient`'s surface that speaks plain HTTP to a running server.

Tests call `get`/`post`/... with headers as WSGI `HTTP_*` keys, `credentials(...)`, and
`cookies` (a `SimpleCookie`), exactly as they drive `APIClient`. Bodies are encoded by
DRF's own test factory, so both clients send the same bytes. The cookie jar behaves like
a browser's: `Set-Cookie` stores, an expired cookie is dropped, and a `Secure` cookie
goes only over HTTPS (or through the TLS proxy this client stands in for). Redirects are
answered as they are, unless a test asks to follow them.

What a request cannot carry over HTTP (a client address, a WSGI variable) skips the test,
saying so: the server sees the test process's own address.
"""

import http.client
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.utils.encoding import iri_to_uri
from rest_framework.test import APIRequestFactory

from .http_response import HTTPResponse, SentRequest

TIMEOUT = 60  # seconds; a loaded two-core machine can be slow, but never this slow
REDIRECTS = {301, 302, 303, 307, 308}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# What gunicorn answers, as HTML, to a request line or header over its limits (4094 and
# 8190 bytes), before the application is called. Django never answers these.
FRONT_SERVER_REFUSALS = {414, 431}
# WSGI keys a client sends as a header of another name than HTTP_<NAME>.
HEADER_KEYS = {"CONTENT_TYPE": "Content-Type"}


def header_name(key):
    """`HTTP_X_CSRFTOKEN` -> `X-Csrftoken` (header names are case-insensitive)."""
    if key in HEADER_KEYS:
        return HEADER_KEYS[key]
    if not key.startswith("HTTP_"):
        pytest.skip(f"sets the WSGI variable {key}, which a request over HTTP cannot carry")
    return "-".join(part.capitalize() for part in key[5:].split("_"))


def expired(morsel):
    """Whether a `Set-Cookie` deletes the cookie (Django's `delete_cookie`)."""
    return morsel["max-age"] == 0 or "1970" in morsel["expires"]


class HTTPClient:
    """Sends each request on its own connection, as a browser's first visit would."""

    def __init__(self, base_url, tls_proxy=False):
        url = urlsplit(base_url)
        self.base_url = base_url
        self._https = url.scheme == "https"
        self._address = (url.hostname, url.port or (443 if self._https else 80))
        self._host = url.netloc
        self._prefix = url.path.rstrip("/")
        # Stands in for a TLS proxy: the request went out over HTTPS (DJANGO_TLS_PROXY=1).
        self._tls_proxy = tls_proxy
        self._factory = APIRequestFactory()
        self._credentials = {}
        self.defaults = {}
        self.cookies = SimpleCookie()

    # --- APIClient's surface -------------------------------------------------------------

    def credentials(self, **extra):
        """Headers (as WSGI keys) sent with every later request; none clears them."""
        self._credentials = extra

    def get(self, path, data=None, follow=False, **extra):
        return self._query("GET", path, data, follow, extra)

    def head(self, path, data=None, follow=False, **extra):
        return self._query("HEAD", path, data, follow, extra)

    def trace(self, path, data=None, follow=False, **extra):
        return self._query("TRACE", path, data, follow, extra)

    def post(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        return self._body("POST", path, data, format, content_type, follow, extra)

    def put(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        return self._body("PUT", path, data, format, content_type, follow, extra)

    def patch(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        return self._body("PATCH", path, data, format, content_type, follow, extra)

    def delete(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        return self._body("DELETE", path, data, format, content_type, follow, extra)

    def options(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        return self._body("OPTIONS", path, data, format, content_type, follow, extra)

    def generic(self, method, path, data="", content_type="application/octet-stream", **extra):
        """A request of any method with a raw body, as `RequestFactory.generic` sends it."""
        follow = extra.pop("follow", False)
        body = data.encode() if isinstance(data, str) else (data or b"")
        if content_type is not None:
            extra["CONTENT_TYPE"] = str(content_type)
        return self._send(method.upper(), path, body, follow, extra)

    # --- Encoding, as APIRequestFactory encodes --------------------------------------------

    def _query(self, method, path, data, follow, extra):
        if data:
            path = f"{path.split('?')[0]}?{urlencode(data, doseq=True)}"
        return self._send(method, path, b"", follow, extra)

    def _body(self, method, path, data, format, content_type, follow, extra):
        body, content_type = self._factory._encode_data(data, format, content_type)
        if content_type is not None:
            extra["CONTENT_TYPE"] = str(content_type)
        return self._send(method, path, body, follow, extra)

    # --- The wire ------------------------------------------------------------------------

    def _send(self, method, path, body, follow, extra):
        if extra.pop("secure", False) and not (self._https or self._tls_proxy):
            pytest.skip("asks for HTTPS, and this server is plain HTTP")
        headers = self._headers(method, dict(extra.pop("headers", None) or {}), extra)
        response = self._exchange(method, path, body, headers)
        while follow and response.status_code in REDIRECTS:
            chain = [*response.redirect_chain, (response.url, response.status_code)]
            assert len(chain) < 10, f"a redirect loop: {chain}"
            following = self._headers("GET", {}, {})
            response = self._exchange("GET", urljoin(path, response.url), b"", following)
            response.redirect_chain = chain
        return response

    def _headers(self, method, headers, extra):
        """The request's headers: defaults, credentials, then this request's own."""
        for key, value in {**self.defaults, **self._credentials, **extra}.items():
            headers[header_name(key)] = str(value)
        if self._tls_proxy:
            headers["X-Forwarded-Proto"] = "https"
        named = {name.lower() for name in headers}
        if self._secure and method not in SAFE_METHODS and not named & {"origin", "referer"}:
            # On HTTPS, Django's CSRF check wants a same-origin Referer when no Origin is
            # sent, as a browser sends one; APIClient's plain-HTTP requests are not asked.
            headers["Referer"] = f"https://{self._host}/"
        return headers

    @property
    def _secure(self):
        return self._https or self._tls_proxy

    def _cookie_header(self):
        sent = {
            name: morsel.coded_value
            for name, morsel in self.cookies.items()
            if self._secure or not morsel["secure"]
        }
        return sent, "; ".join(f"{name}={value}" for name, value in sorted(sent.items()))

    def _exchange(self, method, path, body, headers):
        url = urlsplit(path)
        target = iri_to_uri(self._prefix + url.path) + (f"?{url.query}" if url.query else "")
        cookies, cookie_header = self._cookie_header()
        if cookie_header:
            headers = {"Cookie": cookie_header, **headers}
        connection_class = (
            http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        )
        connection = connection_class(*self._address, timeout=TIMEOUT)
        try:
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            if not any(name.lower() == "host" for name in headers):
                connection.putheader("Host", self._host)
            for name, value in headers.items():
                connection.putheader(name, value.encode("utf-8"))
            if body or method not in SAFE_METHODS:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body or None)
            answer = connection.getresponse()
            content = answer.read()
        except ValueError as error:  # http.client refuses e.g. a newline in a header
            pytest.skip(f"sends what HTTP cannot carry: {error}")
        finally:
            connection.close()
        meta = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
        if "HTTP_CONTENT_TYPE" in meta:
            meta["CONTENT_TYPE"] = meta.pop("HTTP_CONTENT_TYPE")
        sent = SentRequest(method, url.path, meta, cookies)
        response = HTTPResponse(answer.status, answer.reason, answer.headers, content, sent)
        if response.status_code in FRONT_SERVER_REFUSALS and not response.data:
            pytest.skip(
                f"the server in front of Django (gunicorn) refused the oversized request "
                f"itself ({response.status_code} {response.reason_phrase}): Django never saw it"
            )
        self._store(response.cookies)
        return response

    def _store(self, cookies):
        """Keeps what the server set, as a browser does; an expired cookie is deleted."""
        for name, morsel in cookies.items():
            if expired(morsel):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel

    def __repr__(self):
        return f"<HTTPClient {self.base_url}>"
