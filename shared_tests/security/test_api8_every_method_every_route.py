"""Every HTTP method on every route the chapter serves: never a 5xx.

OWASP API8:2023 Security Misconfiguration: a route that crashes on a method or a body
it did not expect leaks that it exists and how it is built, and under load a 500 is the
cheapest denial of service there is. The routes come from the URL resolver
(`shared_tests/routes.py`), so a route a library adds is attacked the day it appears.

Each route is tried anonymously and as the admin (logged in through the chapter's own
endpoint), with existing, missing and garbage ids, an empty body and two junk ones.
Errors on API routes are JSON; the admin and the browsable API's login pages answer
HTML, and may, but never a 5xx. There Django's CSRF check refuses an unsafe method before
the view runs, whatever the id, body or Accept, so those go to one URL of the route.

A chapter with several login variants gets the whole sweep once, with its first variant.
Each other variant sends every method and body to every API route as the admin, with the
ids that exist: its credential is read before any id is, so the garbage ids (and the
anonymous client, the same for every variant) would only repeat the first run.
"""

from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from api.models import Todo

from ..conftest import ADAPTERS, PASSWORD
from ..routes import ROUTES

# The standard methods, the WebDAV one red teams always try, and two nobody implements.
METHODS = ["GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "CONNECT", "BREW"]
# What Django's CSRF check lets through without a token (RFC 9110's safe methods).
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Methods with a body get each of these: none, JSON that does not parse, hostile JSON.
BODY_METHODS = ["POST", "PUT", "PATCH"]
BODIES = {
    "empty": b"",
    "malformed": b'{"username": "admin", ',
    "hostile": (
        b'{"username": ["admin"], "password": {"$ne": null}, "email": 12, "id": -1,'
        b' "uid": "\\u0000", "token": [], "key": {}, "refresh": 9e999, "title": null}'
    ),
}
# Pages that may answer HTML: Django's admin, the browsable API's login, Swagger UI.
HTML_PREFIXES = ("/admin/", "/api-auth/", "/api/docs/")


def candidate_rows(existing, html_page):
    """Values for the URL placeholders: one row per URL to try (see Route.urls).

    The HTML pages (the admin's ninety-odd routes, mostly) get two rows, not five:
    Django's own views, the same code for every model, are not what is under test.
    """
    rows = [
        {"*": existing, "format": "json"},
        {"*": "a%00b", "format": ".api"},
    ]
    if html_page:
        return rows
    return [
        *rows,
        {"*": existing, "format": ".json"},
        {"*": "999999", "format": "api"},
        # Wider than a 64-bit integer: SQLite and PostgreSQL both refuse it.
        {"*": "9" * 30, "format": "xml"},
    ]


def requests_for():
    """(method, body name) pairs, the deleting ones last so the rest see the objects."""
    pairs = [(method, None) for method in METHODS]
    pairs += [(method, body) for method in BODY_METHODS for body in BODIES]
    return [*pairs, ("DELETE", "empty"), ("DELETE", "hostile")]


def refused_before_the_view(url):
    """Whether Django's `CsrfViewMiddleware` refuses an unsafe method on `url` before its
    view runs: the view is not `csrf_exempt` (DRF's are: SessionAuthentication checks
    instead), and the sweep's clients never send a CSRF token. The refusal reads neither
    the body nor the id, so one URL of the route is enough to try it with every method.
    """
    try:
        view = resolve(unquote(url)).func
    except Resolver404:
        return False  # answered before any view: nothing for the CSRF check to refuse
    return not getattr(view, "csrf_exempt", False)


def send(client, method, url, body, accept="application/json"):
    data = BODIES[body] if body else b""
    return client.generic(method, url, data, content_type="application/json", HTTP_ACCEPT=accept)


def problem(response, method, url, body, who, html_page):
    """What is wrong with `response`, or None."""
    status = response.status_code
    where = f"{who} {method} {url} body={body}: {status}"
    if status >= 500:
        return where
    content_type = response.get("Content-Type", "")
    error_page = 400 <= status < 500 and method != "HEAD" and response.content
    if error_page and not html_page and not content_type.startswith("application/json"):
        return f"{where} with a {content_type or 'untyped'} body, not JSON"
    return None


def clients_for(adapter, html_page, client_as):
    """Who attacks the route: anonymous and the admin, or only one of them (see above)."""
    if html_page:
        # These pages read only Django's own session, never the API's credentials, so
        # the admin's client is anonymous to them too: one pass is enough (staff get
        # their own test below, logged in through the admin's form).
        return {"anonymous": client_as("anonymous")}
    if adapter is not ADAPTERS[0]:
        return {"admin": client_as("admin")}
    return {"anonymous": client_as("anonymous"), "admin": client_as("admin")}


@pytest.fixture
def existing(users, ids):
    """A value for the ids that exist: the category's (the admin also owns a todo)."""
    Todo.objects.create(owner=users["admin"], title="mine")
    return str(ids["category"])


@pytest.mark.parametrize("route", ROUTES, ids=[route.template for route in ROUTES])
def test_no_method_on_any_route_answers_a_5xx(db, adapter, route, request):
    """API8: every method, body and id on this route answers below 500."""
    html_page = route.template.startswith(HTML_PREFIXES)
    first_variant = adapter is ADAPTERS[0]
    if html_page and not first_variant:
        pytest.skip("HTML pages do not read API credentials: the first variant covers them")
    existing = request.getfixturevalue("existing")
    clients = clients_for(adapter, html_page, request.getfixturevalue("client_as"))
    rows = candidate_rows(existing, html_page)
    if not first_variant:
        rows = rows[:1]  # past authentication, a garbage id meets the same view as before
    problems = []
    for n, url in enumerate(route.urls(rows)):
        # On an HTML page, an unsafe method meets the CSRF refusal: one URL tries them all.
        refused = html_page and refused_before_the_view(url)
        for who, client in clients.items():
            client.raise_request_exception = False
            for method, body in requests_for():
                if refused and n > 0 and method not in SAFE_METHODS:
                    continue
                response = send(client, method, url, body)
                problems.append(problem(response, method, url, body, who, html_page))
            if n > 0:
                continue
            # As curl asks, accepting anything, and a body in a type no parser reads: the
            # view answers in its first renderer's format (the schema's YAML, the browsable
            # API's HTML), but never a 5xx.
            tries = [(method, "", "application/json") for method in METHODS]
            tries += [(method, "x", "text/plain") for method in BODY_METHODS]
            if refused:  # the refusal reads neither Accept nor the body: tried just above
                tries = [try_ for try_ in tries if try_[0] in SAFE_METHODS]
            for method, data, content_type in tries:
                response = client.generic(method, url, data, content_type, HTTP_ACCEPT="*/*")
                if response.status_code >= 500:
                    problems.append(
                        f"{who} {method} {url} {content_type} */*: {response.status_code}"
                    )
            # Without its trailing slash: served, or a JSON 404 naming the URL, never a 500.
            if url.endswith("/") and url != "/":
                # Where a view serves it (the admin's catch-all), the CSRF refusal was tried.
                slashless_refused = html_page and refused_before_the_view(url[:-1])
                for method in [*METHODS, *BODY_METHODS, "DELETE"]:
                    if slashless_refused and method not in SAFE_METHODS:
                        continue
                    response = send(client, method, url[:-1], "hostile")
                    problems.append(problem(response, method, url[:-1], "hostile", who, html_page))
            if html_page:
                continue
            # The browsable API renders forms and lookups the JSON answer never does (for
            # the existing object only: a page is slow to draw, and garbage ids end early).
            for method, body in [("GET", None), ("POST", None), ("POST", "malformed")]:
                response = send(client, method, url, body, accept="text/html")
                if response.status_code >= 500:
                    problems.append(
                        f"{who} {method} {url} body={body} as HTML: {response.status_code}"
                    )
    problems = [found for found in problems if found]
    assert not problems, "answers that break the promise:\n" + "\n".join(problems)


@pytest.fixture
def admin_site_client(db):
    """A browser logged in to the admin through its own login form (CSRF checked)."""
    get_user_model().objects.create_user(
        "staff", password=PASSWORD, is_staff=True, is_superuser=True
    )
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    form = {"username": "staff", "password": PASSWORD, "next": "/admin/"}
    form["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert client.post("/admin/login/", form).status_code == 302, "the admin login worked"
    return client


def test_no_admin_page_answers_a_5xx_to_staff(admin_site_client):
    """API8: logged in to the admin, every admin route, with a real and a NUL id, draws."""
    admin_site_client.raise_request_exception = False
    existing = str(get_user_model().objects.get(username="staff").id)
    problems = []
    for route in ROUTES:
        if not route.template.startswith("/admin/") or route.template == "/admin/logout/":
            continue
        for url in route.urls(candidate_rows(existing, html_page=True)):
            status = admin_site_client.get(url).status_code
            if status >= 500:
                problems.append(f"staff GET {url}: {status}")
    assert not problems, "answers that break the promise:\n" + "\n".join(problems)


@pytest.mark.parametrize("method", [*METHODS, *BODY_METHODS, "DELETE"])
def test_under_debug_a_slashless_or_unknown_url_is_a_json_404(anon, db, settings, method):
    """API8: `serve` runs with DEBUG on, where Django would draw its debug pages."""
    settings.DEBUG = True
    anon.raise_request_exception = False
    answers = [send(anon, method, url, "hostile") for url in ("/api/todos", "/api/nothing/")]
    assert [(a.status_code, a["Content-Type"]) for a in answers] == [
        (404, "application/json"),
        (404, "application/json"),
    ]
