"""OWASP API2:2023 Broken Authentication: browser-cached Basic credentials are no CSRF ticket.

SPEC section 4, "Nothing for page scripts". A 401 with `WWW-Authenticate: Basic` makes
a browser ask for a password and remember it; from then on it attaches the Basic header
to every request to the API, a form that another site's page submits included. So an
unsafe request with Basic credentials that the browser marks as cross-site (`Origin`, or
`Sec-Fetch-Site`) is refused with 403, before the password is checked. curl and scripts
send neither header and keep working.
"""

from urllib.parse import urlsplit

import pytest

from ..adapters.basic_session import basic_header
from ..conftest import PASSWORD
from ..transport import origin

pytestmark = [pytest.mark.requires("basic"), pytest.mark.django_db]

REFUSED = {
    "detail": "Basic credentials are refused on a cross-site request: a browser sends the "
    "ones it remembers with any site's forms. Send them from this site's pages, or "
    "without a browser."
}


def this_site(port=None):
    """The client's own origin: `http://testserver` in process, the server's over HTTP;
    with `port`, the same host on another port."""
    site = urlsplit(origin())
    return site._replace(netloc=f"{site.hostname}:{port}").geturl() if port else site.geturl()


def create_todo(client, password=PASSWORD, **headers):
    """A form post creating a todo, as a page's <form> sends it, with Basic credentials."""
    return client.post(
        "/api/todos/",
        {"title": "forged"},
        HTTP_AUTHORIZATION=basic_header("alice", password),
        headers=headers,
    )


def test_form_post_from_another_site_is_refused_with_403(anon, users):
    response = create_todo(anon, Origin="https://evil.example")
    assert response.status_code == 403, response.content
    assert response.json() == REFUSED


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_unsafe_methods_from_another_site_are_refused(anon, users, method):
    response = getattr(anon, method)(
        "/api/customers/me/",
        HTTP_AUTHORIZATION=basic_header("alice", PASSWORD),
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403, response.content


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_post_the_browser_marks_as_from_another_site_is_refused(anon, users, fetch_site):
    """`same-site` too: another port or subdomain of the host is another origin."""
    response = create_todo(anon, **{"Sec-Fetch-Site": fetch_site})
    assert response.status_code == 403, response.content
    assert response.json() == REFUSED


def test_post_from_an_opaque_origin_is_refused(anon, users):
    """A sandboxed frame or a data: URL sends `Origin: null`."""
    assert create_todo(anon, Origin="null").status_code == 403


def test_post_from_another_port_of_this_host_is_refused(anon, users):
    assert create_todo(anon, Origin=this_site(port=3000)).status_code == 403


def test_post_from_this_sites_own_pages_is_accepted(anon, users):
    response = create_todo(anon, Origin=this_site(), **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 201, response.content


def test_post_from_a_trusted_origin_is_accepted(anon, users, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://app.example"]
    response = create_todo(anon, Origin="https://app.example", **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 201, response.content


def test_post_without_browser_headers_is_accepted_as_from_curl(anon, users):
    assert create_todo(anon).status_code == 201


def test_cross_site_read_is_still_served(anon, users):
    """A GET changes nothing, and another site's page cannot read the answer."""
    response = anon.get(
        "/api/secret/",
        HTTP_AUTHORIZATION=basic_header("alice", PASSWORD),
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 200


def test_refused_cross_site_posts_spend_no_password_guess(anon, users, rates):
    """Refused before the password is checked: a forged form cannot lock the user out."""
    rates["login"] = "1/minute"
    for n in range(3):
        create_todo(anon, password=f"guess-{n}", Origin="https://evil.example")
    assert create_todo(anon).status_code == 201
