"""/demo/ in a real browser: log in the chapter's own way, use the API, refresh, log out."""

import pytest

from . import chromium, demo_page, loot
from .conftest import DEMO, PASSWORDS

# Chapter 06's DEMO_CLIENT names an authorization endpoint: the page logs in with the
# authorization code flow and PKCE, through the chapter's login and consent pages.
code_flow = pytest.mark.skipif(
    "authorize" not in DEMO, reason="/demo/ logs in with a password here, not a code"
)


def code_callbacks(browser, live):
    """The /demo/?code=... URLs the browser was sent to since the last look."""
    urls = chromium.requested_urls(chromium.network(browser))
    return [url for url in urls if url.startswith(f"{live.url}/demo/?code=")]


def token_requests(browser):
    urls = chromium.requested_urls(chromium.network(browser))
    return [url for url in urls if url.endswith(DEMO["login"])]


def test_the_demo_page_logs_in_and_shows_the_users_todos(browser, live, picture):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    shown = demo_page.todos(browser)
    assert {"Book a table for Friday", "Try the lemon tart"} <= set(shown), "the user's todos"
    assert "Update the dessert menu" not in shown, "and not the manager's (load_demo_data)"
    assert demo_page.text(browser, "who") != "", "the page shows who is logged in"


def test_a_todo_added_on_the_demo_page_is_listed(browser, live, picture):
    # The manager, whose todos no other browser test touches: a tidy picture.
    demo_page.log_in(browser, live, PASSWORDS["manager"], username="manager", picture=picture)
    demo_page.add_todo(browser, "Order more lemons")
    assert "Order more lemons" in demo_page.todos(browser), "the new todo is listed"
    picture(browser, "demo-logged-in")


def test_the_demo_page_refreshes_where_the_chapter_can(browser, live):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    refresh = browser.find_element("id", "refresh")
    assert refresh.is_displayed() == bool(DEMO["refresh"]), "a Refresh button where one exists"
    if DEMO["refresh"]:
        refresh.click()
        demo_page.status_is(browser, "Refreshed.")
        demo_page.add_todo(browser, "Works after the refresh")


def test_after_logging_out_the_browser_holds_no_working_credential(browser, live):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    browser.find_element("id", "logout").click()
    demo_page.status_is(browser, "Logged out.")
    # Everything the browser still holds, httpOnly cookies included, replayed outside it.
    held = loot.steal(browser, {**DEMO, "refresh": None})
    held["cookies"] = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    assert loot.replay(live.url, held) == [], "nothing left in the browser works"


@code_flow
def test_the_code_comes_back_to_the_page_and_leaves_its_address_bar(browser, live):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    assert len(code_callbacks(browser, live)) == 1, "the server sent the code to /demo/"
    assert browser.current_url == f"{live.url}/demo/", "the page took the code out of the URL"


@code_flow
def test_a_replayed_authorization_response_is_refused_by_the_page(browser, live):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    [callback] = code_callbacks(browser, live)
    browser.find_element("id", "logout").click()
    demo_page.status_is(browser, "Logged out.")
    chromium.network(browser)  # what the browser asked for so far: not this test's concern
    browser.get(callback)  # the same code and state again, as a link or the history has it
    demo_page.status_is(browser, "state does not match")
    demo_page.state_is(browser, "logged-out")
    assert token_requests(browser) == [], "the page did not try the replayed code"
    assert browser.current_url == f"{live.url}/demo/", "and took it out of the URL"


@code_flow
def test_a_code_sent_with_a_state_the_page_did_not_make_is_refused(browser, live):
    # Login CSRF: another site links the user to /demo/ with the attacker's own code,
    # while the user's own login is under way (the page holds a state of its own).
    demo_page.open_page(browser, live)
    browser.find_element("id", "login").click()
    demo_page.wait(browser, lambda d: "/accounts/login/" in d.current_url, "no login page")
    chromium.network(browser)
    browser.get(f"{live.url}/demo/?code=the-attackers-code&state=the-attackers-state")
    demo_page.status_is(browser, "state does not match")
    demo_page.state_is(browser, "logged-out")
    assert token_requests(browser) == [], "the page did not redeem the attacker's code"
