"""What an `HTTPClient` request answers: the parts of Django's test response tests read.

The suite's asserts were written against `APIClient`'s responses, so an answer from a
real server offers the same names: `status_code`, `content`, `json()`, `data`,
`response[header]`, `headers`, `cookies`, and `wsgi_request`, here what the client sent.
"""

import json
from http.cookies import SimpleCookie
from typing import NamedTuple

from django.utils.datastructures import CaseInsensitiveMapping


class SentRequest(NamedTuple):
    """What the client sent, under the names a Django request gives it: `META` holds
    the headers as `HTTP_*` keys, `COOKIES` the cookies. The server's own request object
    lives in another process; this is what it was built from."""

    method: str
    path: str
    META: dict
    COOKIES: dict


def parse_cookies(set_cookie_headers):
    """The cookies that `Set-Cookie` headers set, as Django's `response.cookies` holds
    them: `max-age` as a number, as `set_cookie(max_age=0)` leaves it."""
    cookies = SimpleCookie()
    for header in set_cookie_headers:
        cookies.load(header)
    for morsel in cookies.values():
        if str(morsel["max-age"]).lstrip("-").isdigit():
            morsel["max-age"] = int(morsel["max-age"])
    return cookies


class HTTPResponse:
    """A server's answer, read in full."""

    streaming = False

    def __init__(self, status, reason, headers, content, request):
        self.status_code = status
        self.reason_phrase = reason
        self.content = content
        self.wsgi_request = request
        self.cookies = parse_cookies(headers.get_all("Set-Cookie") or [])
        joined = {}
        for name, value in headers.items():
            if name.lower() != "set-cookie":  # in `cookies`, as Django keeps them
                joined[name] = f"{joined[name]}, {value}" if name in joined else value
        self.headers = CaseInsensitiveMapping(joined)
        self.charset = headers.get_content_charset() or "utf-8"
        self._content_type = headers.get_content_type()
        self.redirect_chain = []

    def __getitem__(self, header):
        return self.headers[header]

    def __contains__(self, header):
        return header in self.headers

    def has_header(self, header):
        return header in self.headers

    def get(self, header, alternate=None):
        return self.headers.get(header, alternate)

    @property
    def url(self):
        """Where a redirect points, as Django's redirect responses say."""
        return self.headers.get("Location")

    @property
    def text(self):
        return self.content.decode(self.charset)

    def json(self):
        """The body as JSON; a ValueError when it is not, as Django's test client does."""
        if not (self._content_type == "application/json" or self._content_type.endswith("+json")):
            raise ValueError(
                f'Content-Type header is "{self._content_type}", not "application/json"'
            )
        return json.loads(self.content)

    @property
    def data(self):
        """DRF's `response.data`: here the decoded JSON body, or None without one."""
        try:
            return self.json() if self.content else None
        except ValueError:
            return None

    def __repr__(self):
        return f"<HTTPResponse status_code={self.status_code}, {self._content_type!r}>"
