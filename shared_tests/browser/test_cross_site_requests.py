"""CSRF: a page on another site forges requests with the credentials a browser holds.

The chapter is on 127.0.0.1 and the attacker on localhost: two sites to the browser.
The attacker's page fires a credentialed `fetch` (read and write) and auto-submits a
form. Nothing is read, and no todo is written: counted in the server's database. And
where SameSite does not help, on the chapter's own page, a write without the CSRF token
is refused too.
"""

import pytest

from . import attacks, chromium, demo_page
from .conftest import DEMO, PASSWORDS

TODOS_TITLED = "SELECT COUNT(*) FROM api_todo WHERE title = ?"


def assert_refused(browser, other_site, live, picture=None):
    read, write = attacks.fetch_attack(browser, other_site, live, "forged by fetch")
    assert read.startswith("blocked"), f"the other site read the todos: {read}"
    assert write, "the other site's write was sent or blocked (its answer is counted below)"
    if picture:
        picture(browser, "csrf-refused", height=330)
    answer = attacks.form_attack(browser, other_site, live, "forged by a form")
    for title in ("forged by fetch", "forged by a form"):
        assert live.count(TODOS_TITLED, title) == 0, f"{title!r} was written: {answer[:300]}"
    return answer


@pytest.mark.requires("csrf")
@pytest.mark.matrix("csrf", "yes")
def test_another_site_cannot_use_the_cookie_login(adapter, browser, live, other_site, picture):
    demo_page.demo_logs_in_as(adapter, DEMO)
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    demo_page.add_todo(browser, "written by the real page")  # the login works here
    assert_refused(browser, other_site, live, picture)


@pytest.fixture
def fresh_browser(chromium_driver):
    """A browser of its own: Chromium remembers Basic credentials until it quits."""
    driver = chromium.start()
    yield driver
    violations = chromium.csp_violations(chromium.console(driver))
    driver.quit()
    assert not violations, "the console reported CSP violations:\n" + "\n".join(violations)


@pytest.mark.requires("basic")
def test_another_site_cannot_use_basic_credentials_the_browser_cached(
    adapter, fresh_browser, live, other_site
):
    user, password = demo_page.USER, PASSWORDS[demo_page.USER]
    host = live.url.removeprefix("http://")
    fresh_browser.get(f"http://{user}:{password}@{host}/api/todos/?format=json")
    fresh_browser.get(f"{live.url}/api/todos/?format=json")
    cached = fresh_browser.find_element("tag name", "body").text
    assert "Book a table for Friday" in cached, "the browser now sends the cached credentials"
    assert_refused(fresh_browser, other_site, live)


POST_WITHOUT_TOKEN = """
const done = arguments[arguments.length - 1];
fetch("/api/todos/", {method: "POST", body: JSON.stringify({title: arguments[0]}),
  headers: {"Content-Type": "application/json", Accept: "application/json"}})
  .then((r) => done(r.status));
"""


@pytest.mark.requires("csrf")
@pytest.mark.matrix("csrf", "yes")
def test_a_write_from_the_page_itself_without_the_csrf_token_is_refused(adapter, browser, live):
    """The cookie goes with it (same site), the X-CSRFToken header does not: 403."""
    demo_page.demo_logs_in_as(adapter, DEMO)
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    status = browser.execute_async_script(POST_WITHOUT_TOKEN, "no CSRF token")
    assert status == 403, "the CSRF check refused the write"
    assert live.count(TODOS_TITLED, "no CSRF token") == 0, "and nothing was written"
