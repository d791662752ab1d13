"""The two requests each variant sends once logged in: a GET and a write.

The same request serves the in-process query count and wrk, so both measure the same
thing: the same headers but for the credentials.
"""

from dataclasses import dataclass

from .variants import WRITE_BODY


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict
    body: str = ""


def requests_for(variant, credentials, origin):
    """The GET and the write of one variant, as a browser or an app would send them."""
    get = Request("GET", variant.get_path, {"X-Forwarded-Proto": "https", **credentials.headers})
    if variant.write_path is None:
        return get, None
    headers = {"X-Forwarded-Proto": "https", **credentials.write_headers}
    headers |= {"Content-Type": "application/json", "Origin": origin}
    return get, Request("PATCH", variant.write_path, headers, WRITE_BODY)
