"""The chapter's HTML logins work in a real browser, under the Content-Security-Policy.

The `browser` fixture fails any test whose pages made the console report a CSP
violation; the last test here also visits every kind of page the chapter serves.
"""

import pytest
from selenium.webdriver.common.by import By

from . import chromium, demo_page
from .conftest import PASSWORDS


def fill_and_submit(browser, username, password):
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()


def test_the_admin_login_works(browser, live):
    browser.get(f"{live.url}/admin/login/?next=/admin/")
    fill_and_submit(browser, "admin", PASSWORDS["admin"])
    demo_page.wait(
        browser,
        lambda d: "Site administration" in d.find_element(By.TAG_NAME, "body").text,
        "the admin login never reached the admin's index",
    )


@pytest.mark.requires("session")
def test_the_browsable_api_login_works(adapter, browser, live):
    browser.get(f"{live.url}/api-auth/login/?next=/api/todos/")
    fill_and_submit(browser, "customer", PASSWORDS["customer"])
    demo_page.wait(
        browser,
        lambda d: "Book a table for Friday" in d.find_element(By.TAG_NAME, "body").text,
        "the browsable API never showed the user's todos",
    )


def test_no_page_the_chapter_serves_reports_a_csp_violation(browser, live):
    pages = ["/demo/", "/api/docs/", "/api/todos/", "/api/", "/admin/login/"]
    for path in pages:
        browser.get(f"{live.url}{path}")
        demo_page.wait(
            browser,
            lambda d: d.execute_script("return document.readyState") == "complete",
            f"{path} never finished loading",
        )
    violations = chromium.csp_violations(chromium.console(browser))
    assert violations == [], f"the console reported CSP violations on {pages}"


@pytest.mark.requires("session")
def test_the_browsable_api_logs_out_without_a_script(adapter, browser, live):
    """DRF's own "Log out" link needs an inline `onclick`, which the policy blocks; the
    chapter's template submits a plain form instead."""
    browser.get(f"{live.url}/api-auth/login/?next=/api/todos/")
    fill_and_submit(browser, "customer", PASSWORDS["customer"])
    demo_page.wait(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#logoutForm button"),
        "the browsable API showed no logout button",
    )
    browser.find_element(By.CSS_SELECTOR, ".dropdown-toggle").click()
    browser.find_element(By.CSS_SELECTOR, "#logoutForm button").click()
    demo_page.wait(
        browser,
        lambda d: not d.get_cookie("sessionid"),
        "after logging out the browser still holds a session cookie",
    )
