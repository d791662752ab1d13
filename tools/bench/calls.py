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
    common = {"X-Forwarded-Proto": "https", **credentials.headers}
    get = Request("GET", variant.get_path, common)
    if variant.write_path is None:
        return get, None
    headers = {**common, "Content-Type": "application/json", "Origin": origin}
    if credentials.csrf_token:
        headers["X-CSRFToken"] = credentials.csrf_token
    return get, Request("PATCH", variant.write_path, headers, WRITE_BODY)
