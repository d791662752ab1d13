"""Cookie chapters (01's session, 05): the credential is out of page JavaScript's reach.

Not in `document.cookie`, not in storage, not in any answer the page received (the
login's and the refresh's included), and the API still works: through the cookie alone.
"""

import pytest

from . import chromium, demo_page, loot
from .conftest import DEMO, PASSWORDS

READ_ALL = "return [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]"


def log_in_and_refresh(browser, live):
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    if DEMO["refresh"]:
        browser.find_element("id", "refresh").click()
        demo_page.status_is(browser, "Refreshed.")
    demo_page.add_todo(browser, "Sent with the cookie alone")


def http_only_cookies(browser):
    return {c["name"]: c["value"] for c in browser.get_cookies() if c.get("httpOnly")}


@pytest.mark.requires("httponly-cookie")
@pytest.mark.matrix("httponly-cookie", "yes")
def test_page_javascript_cannot_read_the_credential(adapter, browser, live):
    demo_page.demo_logs_in_as(adapter, DEMO)
    log_in_and_refresh(browser, live)
    credentials = http_only_cookies(browser)
    assert credentials, "the login left the credential in httpOnly cookies"
    readable = " ".join(browser.execute_script(READ_ALL))
    for name, value in credentials.items():
        assert value not in readable, f"page JavaScript can read the {name} cookie"


@pytest.mark.requires("httponly-cookie")
def test_no_answer_the_page_received_holds_a_token(adapter, browser, live):
    demo_page.demo_logs_in_as(adapter, DEMO)
    chromium.network(browser)
    log_in_and_refresh(browser, live)
    bodies = chromium.response_bodies(browser, chromium.network(browser), live.url)
    assert any(DEMO["login"] in url for url in bodies), "the login's answer was read"
    credentials = http_only_cookies(browser).values()
    for url, body in bodies.items():
        assert not loot.JWT.search(body), f"{url} answered a token: {body[:200]}"
        assert not any(value in body for value in credentials), f"{url} holds a cookie's value"


@pytest.mark.requires("httponly-cookie")
def test_the_api_works_through_the_cookie_alone(adapter, browser, live):
    demo_page.demo_logs_in_as(adapter, DEMO)
    chromium.network(browser)
    log_in_and_refresh(browser, live)
    sent = [
        event["params"]["request"]
        for event in chromium.network(browser)
        if event["method"] == "Network.requestWillBeSent"
        and "/api/todos/" in event["params"]["request"]["url"]
    ]
    assert sent, "the page called the API"
    for request in sent:
        assert "Authorization" not in request["headers"], "no header carries a credential"
    assert "Sent with the cookie alone" in demo_page.todos(browser), "and the write worked"
