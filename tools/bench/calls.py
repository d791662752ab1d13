"""The two requests each variant sends once logged in: a GET and a write.

The same request serves the in-process query count and wrk, so both measure the same
thing: the same headers but for the credentials.
"""

from dataclasses import dataclass

from .bench_site.stock import HEADER
from .variants import WRITE_BODY

# Every variant's paths: the baseline's and the peers' differ only by a header.
GET_PATH = "/api/secret/"
WRITE_PATH = "/api/customers/me/"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict
    body: str = ""


def requests_for(variant, credentials, origin):
    """The GET and the write of one variant, as a browser or an app would send them."""
    common = {"X-Forwarded-Proto": "https"}
    if variant.authentication:
        common[HEADER] = variant.authentication
    get = Request("GET", GET_PATH, {**common, **credentials.headers})
    if not variant.write:
        return get, None
    headers = {**common, **credentials.write_headers}
    headers |= {"Content-Type": "application/json", "Origin": origin}
    return get, Request("PATCH", WRITE_PATH, headers, WRITE_BODY)
