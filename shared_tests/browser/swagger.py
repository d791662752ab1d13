"""Swagger UI at /api/docs/, used by hand: Authorize with the chapter's scheme, Try it out.

Which scheme, and what to type, comes from the chapter's own schema: the first security
scheme a person can type into (an `http` Basic or Bearer one, or an `Authorization`
header key), with a credential from the chapter's login as `DEMO_CLIENT` describes it.
"""

import json
import urllib.request
from http.cookies import SimpleCookie

from selenium.webdriver.common.by import By

from shared_tests.adapters import adapters_for
from shared_tests.adapters.description import Header

from . import demo_page
from .conftest import CHAPTER

OPERATION = "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/secret/']]"


def typed_scheme(live):
    """(name, scheme) of the first scheme in the schema that a person types into."""
    with urllib.request.urlopen(f"{live.url}/api/schema/?format=json", timeout=10) as answer:
        schemes = json.load(answer)["components"]["securitySchemes"]
    for name, scheme in schemes.items():
        if scheme["type"] == "http" or (scheme["type"], scheme.get("in")) == ("apiKey", "header"):
            return name, scheme
    raise AssertionError(f"no scheme to type into among {schemes}")


def csrf_headers(live, demo):
    """The CSRF cookie and header a login needs where `DEMO_CLIENT` names a `csrf` URL."""
    if not demo.get("csrf"):
        return {}
    with urllib.request.urlopen(f"{live.url}{demo['csrf']}", timeout=10) as answer:
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    token = cookies["csrftoken"].value
    return {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}


def log_in_over_http(live, demo, username, password):
    """The chapter's login, outside the browser: (JSON body, cookies it set)."""
    request = urllib.request.Request(
        f"{live.url}{demo['login']}",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            **csrf_headers(live, demo),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return json.load(answer), {name: morsel.value for name, morsel in cookies.items()}


def header_login(name):
    """The chapter's login description whose credential goes bare in the `name` header
    (07's app client: `X-Session-Token`), from the login descriptions in adapters/."""
    for adapter in adapters_for(CHAPTER):
        sent = adapter.description.sent
        if isinstance(sent, Header) and sent.name == name and sent.scheme is None:
            return adapter.description
    raise AssertionError(f"no login of {CHAPTER} sends its credential in {name}")


def field(body, dotted):
    """A field of a JSON answer by its dotted name (`meta.session_token`)."""
    for key in dotted.split("."):
        body = body[key]
    return body


def credential(live, demo, scheme, username, password):
    """What the person types: {field: value} for Basic, else the header's value."""
    if scheme.get("scheme") == "basic":
        return {"username": username, "password": password}
    if scheme["type"] == "apiKey" and scheme["name"] != "Authorization":
        # A header of its own (07's X-Session-Token): the login that sends it answers it.
        login = header_login(scheme["name"])
        body, _ = log_in_over_http(live, {"login": login.password.path}, username, password)
        return {"value": field(body, login.returned.access)}
    body, cookies = log_in_over_http(live, demo, username, password)
    if scheme["type"] == "apiKey":
        return {"value": f"Token {body.get('token') or body.get('auth_token')}"}
    return {"value": body.get("access") or cookies["access"]}


def authorize(driver, name, typed):
    driver.find_element(By.CSS_SELECTOR, ".btn.authorize").click()
    container = f"//div[contains(@class,'auth-container')][.//h4[contains(., '{name}')]]"
    section = demo_page.wait(
        driver,
        lambda d: d.find_element(By.XPATH, container),
        f"the Authorize dialog never showed {name}",
    )
    inputs = section.find_elements(By.TAG_NAME, "input")
    if "username" in typed:
        inputs[0].send_keys(typed["username"])
        inputs[1].send_keys(typed["password"])
    else:
        inputs[0].send_keys(typed["value"])
    section.find_element(By.CSS_SELECTOR, "button.authorize").click()
    demo_page.wait(  # the section is drawn anew, with a Logout button, once authorized
        driver,
        lambda d: d.find_elements(By.XPATH, f"{container}//button[normalize-space()='Logout']"),
        f"{name} never showed as authorized",
    )
    driver.find_element(By.CSS_SELECTOR, ".btn-done").click()


def authorize_with_code_flow(driver, username, password):
    """Authorize's OAuth 2 authorization code flow: Swagger UI opens a pop-up on the
    authorization server (login, consent), which comes back to Swagger UI's
    oauth2-redirect.html with the code; Swagger UI redeems it with its PKCE verifier."""
    driver.find_element(By.CSS_SELECTOR, ".btn.authorize").click()
    container = "//div[contains(@class,'auth-container')][.//h4[contains(., 'authorizationCode')]]"
    section = demo_page.wait(
        driver,
        lambda d: d.find_element(By.XPATH, container),
        "the Authorize dialog never showed the authorization code flow",
    )
    page = driver.current_window_handle
    section.find_element(By.CSS_SELECTOR, "button.authorize").click()
    demo_page.wait(driver, lambda d: len(d.window_handles) == 2, "no pop-up opened")
    driver.switch_to.window(next(h for h in driver.window_handles if h != page))
    demo_page.authorize(driver, username, password)
    demo_page.wait(driver, lambda d: len(d.window_handles) == 1, "the pop-up never closed")
    driver.switch_to.window(page)
    demo_page.wait(
        driver,
        lambda d: d.find_elements(By.XPATH, f"{container}//button[normalize-space()='Logout']"),
        "the authorization code flow never showed as authorized",
    )
    driver.find_element(By.CSS_SELECTOR, ".btn-done").click()


def try_secret(driver):
    """Expands GET /api/secret/, tries it out; answers the status Swagger UI shows."""
    operation = driver.find_element(By.XPATH, OPERATION)
    operation.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    button = demo_page.wait(
        driver,
        lambda d: operation.find_element(By.CSS_SELECTOR, ".try-out__btn"),
        "no Try it out button",
    )
    button.click()
    operation.find_element(By.CSS_SELECTOR, ".execute").click()
    status = demo_page.wait(
        driver,
        lambda d: operation.find_element(
            By.CSS_SELECTOR, ".live-responses-table tbody .response-col_status"
        ),
        "Swagger UI never showed an answer",
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", status)
    return status.text.strip()
