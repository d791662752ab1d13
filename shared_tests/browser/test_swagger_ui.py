"""Swagger UI in a real browser: everything from the server itself, and Authorize works."""

import pytest
from selenium.webdriver.common.by import By

from . import chromium, demo_page, swagger
from .conftest import DEMO, PASSWORDS

SCHEME_WORD = {"basic": "Basic", "bearer": "Bearer"}


def open_docs(browser, live):
    browser.get(f"{live.url}/api/docs/")
    demo_page.wait(
        browser,
        lambda d: d.find_elements(By.XPATH, swagger.OPERATION),
        "Swagger UI never listed GET /api/secret/",
    )


def test_swagger_ui_loads_everything_from_the_server_itself(browser, live):
    chromium.network(browser)
    open_docs(browser, live)
    urls = chromium.requested_urls(chromium.network(browser))
    assert any(url.endswith(".js") for url in urls), f"the page loaded its scripts: {urls}"
    elsewhere = [url for url in urls if not url.startswith((f"{live.url}/", "data:"))]
    assert elsewhere == [], "every request went to the server itself"


def secret_request_headers(browser):
    """The headers of every GET /api/secret/ the browser sent since the last look."""
    return [
        event["params"]["request"]["headers"]
        for event in chromium.network(browser)
        if event["method"] == "Network.requestWillBeSent"
        and event["params"]["request"]["url"].endswith("/api/secret/")
    ]


@pytest.mark.skipif(
    "authorize" in DEMO, reason="this chapter's scheme is OAuth 2's code flow (the test below)"
)
def test_an_authorized_try_it_out_of_the_secret_answers_200(browser, live, picture):
    name, scheme = swagger.typed_scheme(live)
    typed = swagger.credential(live, DEMO, scheme, "customer", PASSWORDS["customer"])
    open_docs(browser, live)
    swagger.authorize(browser, name, typed)
    chromium.network(browser)
    assert swagger.try_secret(browser) == "200", "GET /api/secret/ answered 200"
    sent = secret_request_headers(browser)
    assert sent, "Swagger UI sent the request from the browser"
    header = scheme.get("name", "Authorization")
    if header == "Authorization":
        word = SCHEME_WORD.get(scheme.get("scheme"), "Token")
        assert sent[0][header].startswith(f"{word} "), f"with the {name} scheme"
    else:
        assert sent[0].get(header) == typed["value"], f"the typed value in {header}"
    picture(browser, "swagger-authorized", height=700)


@pytest.mark.skipif("authorize" not in DEMO, reason="no OAuth 2 code flow in this chapter")
def test_a_try_it_out_authorized_by_the_code_flow_answers_200(browser, live, picture):
    open_docs(browser, live)
    swagger.authorize_with_code_flow(browser, "customer", PASSWORDS["customer"])
    chromium.network(browser)
    assert swagger.try_secret(browser) == "200", "GET /api/secret/ answered 200"
    sent = secret_request_headers(browser)
    assert sent, "Swagger UI sent the request from the browser"
    assert sent[0]["Authorization"].startswith("Bearer "), "with the access token it got"
    picture(browser, "swagger-authorized", height=700)
