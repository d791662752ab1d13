"""Every HTML page carries a Content-Security-Policy; Swagger UI needs no inline script.

OWASP API8:2023 Security Misconfiguration. The chapters serve three kinds of HTML page:
the browsable API, Swagger UI and the admin (01 adds the browsable API's login page).
Each must say, in `Content-Security-Policy`, that only this origin's script files run,
so markup injected into a page cannot. Swagger UI is served by drf-spectacular's split
view, whose start-up script is a file (`/api/docs/?script=`), not inline. (That the
pages still work under the policy, a real browser checks.)
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from ..routes import ROUTES

# The policy, directive by directive (django-csp writes them in no fixed order).
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response):
    """The page's Content-Security-Policy as {directive: [sources]}, or None."""
    header = response.get("Content-Security-Policy")
    if header is None:
        return None
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


class Assets(HTMLParser):
    """Collects a page's asset URLs and its inline scripts."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline_scripts = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[name] for name in ("src", "href") if attrs.get(name)]
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.inline_scripts += 1


def assets_of(response):
    parser = Assets()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def docs(anon):
    return anon.get("/api/docs/", HTTP_ACCEPT="text/html")


def html_pages(client):
    """Every route (placeholders filled with 1) whose GET answers an HTML page."""
    pages = {}
    for route in ROUTES:
        for url in route.urls([{"*": "1", "format": "api"}]):
            response = client.get(url, HTTP_ACCEPT="text/html", follow=True)
            if response.get("Content-Type", "").startswith("text/html"):
                pages[url] = response
    return pages


def test_every_html_page_has_the_content_security_policy(anon, db):
    """API8: the admin, the browsable API and Swagger UI all send the policy."""
    anon.raise_request_exception = False
    pages = html_pages(anon)
    missing = sorted(url for url, page in pages.items() if policy(page) != POLICY)
    assert len(pages) > 3
    assert missing == []


@pytest.mark.parametrize("url", ["/api/", "/api/categories/", "/admin/login/", "/api/docs/"])
def test_html_page_sends_the_policy(anon, db, url):
    """API8: the policy allows no inline script and no foreign origin."""
    response = anon.get(url, HTTP_ACCEPT="text/html")
    assert policy(response) == POLICY


def test_json_answers_carry_no_policy(anon, db):
    """API8: JSON never runs in a browser, and the walkthroughs' headers stay as shown."""
    assert "Content-Security-Policy" not in anon.get("/api/categories/")


def test_docs_keep_cross_origin_opener_policy_same_origin(docs):
    """API8: Swagger UI does not loosen COOP (drf-spectacular's plain view sends unsafe-none)."""
    assert docs["Cross-Origin-Opener-Policy"] == "same-origin"


def test_docs_page_has_no_inline_script(docs):
    """API8: Swagger UI's start-up script is a file, so `script-src 'self'` lets it run."""
    assert assets_of(docs).inline_scripts == 0


def test_docs_page_loads_only_same_origin_assets(docs):
    """API8: every script, style and icon of Swagger UI comes from this server."""
    foreign = [url for url in assets_of(docs).urls if urlsplit(url).scheme or urlsplit(url).netloc]
    assert foreign == []


def test_docs_start_up_script_is_served_as_javascript(anon, docs):
    """API8: the script the page names answers 200 as JavaScript, naming the schema URL."""
    script = [url for url in assets_of(docs).urls if "script" in urlsplit(url).query]
    response = anon.get(script[0], HTTP_ACCEPT="*/*")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/javascript"
    assert "/api/schema/" in response.content.decode()
