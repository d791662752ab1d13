"""The chapter's /demo/ page, used as a person would: type, click, wait for the answer."""

import pytest
from django.conf import settings
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from . import chromium

USER = "customer"  # a plain demo user (load_demo_data)


def wait(driver, condition, message):
    """Polls `condition` until it holds; an element gone because the page moved on (a
    navigation) counts as not yet."""
    ignored = (StaleElementReferenceException, NoSuchElementException)
    return WebDriverWait(driver, chromium.WAIT, ignored_exceptions=ignored).until(
        condition, message
    )


def state_is(driver, state):
    """Waits until the page says it is `logged-in` or `logged-out`; fails with its status."""
    wait(
        driver,
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == state,
        f"the demo page never reached {state!r}",
    )


def status_is(driver, text):
    wait(
        driver,
        expected_conditions.text_to_be_present_in_element((By.ID, "status"), text),
        f"the demo page's status never said {text!r}",
    )


def open_page(driver, live):
    driver.get(f"{live.url}/demo/")
    state_is(driver, "logged-out")


def log_in(driver, live, password, username=USER, picture=None):
    """Opens /demo/ and logs in the chapter's way; waits until the todos are shown.

    A password form on the page, or (a DEMO_CLIENT naming `authorize`) the authorization
    code flow: "Log in" leaves for the authorization server's login and consent pages,
    which send the browser back to /demo/ with a code (`picture`, the conftest fixture,
    saves the consent page).
    """
    open_page(driver, live)
    if "authorize" in settings.DEMO_CLIENT:
        driver.find_element(By.ID, "login").click()
        authorize(driver, username, password, picture)
    else:
        driver.find_element(By.ID, "username").send_keys(username)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.ID, "login").click()
    status_is(driver, "Logged in.")
    state_is(driver, "logged-in")


def authorize(driver, username, password, picture=None):
    """The authorization server's pages as the user sees them: log in, then approve."""
    wait(
        driver,
        lambda d: d.find_element(By.ID, "id_username"),
        "the authorization server's login page never showed",
    ).send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#loginForm [type=submit]").click()
    allow = wait(
        driver,
        lambda d: d.find_element(By.CSS_SELECTOR, "#authorizationForm [name=allow]"),
        "the consent page never showed",
    )
    if picture:
        picture(driver, "consent", height=480)
    allow.click()


def add_todo(driver, title):
    driver.find_element(By.ID, "todo-title").send_keys(title)
    driver.find_element(By.ID, "add").click()
    status_is(driver, "Todo added.")


def todos(driver):
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#todos li")]


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def demo_logs_in_as(adapter, demo):
    """Skips unless /demo/ logs in with `adapter`'s endpoint: the page shows one variant.

    A code flow page takes no password: the user types it on the page the authorization
    endpoint sends a visitor to (LOGIN_URL), and that is the page to compare."""
    password_page = settings.LOGIN_URL if "authorize" in demo else demo["login"]
    if adapter.login_path != password_page:
        pytest.skip(f"/demo/ logs in at {password_page}, not as {adapter.name}")
