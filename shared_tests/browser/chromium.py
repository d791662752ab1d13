"""Debian's Chromium, driven by Selenium through Debian's chromedriver: nothing downloaded.

Selenium finds (and may download) a driver with selenium-manager unless it is told where
one is; both paths are given here, so it never does. `missing()` says what is not
installed, for the skip message a laptop without a browser gets.
"""

import base64
import json
import os
import shutil

INSTALL = "sudo apt-get install chromium chromium-driver"
# Where Debian puts them; CHROMIUM and CHROMEDRIVER name others.
BROWSER = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
WINDOW = (900, 760)
WAIT = 15  # seconds an explicit wait gives the page, on a busy two-core machine


def missing():
    """Why there is no browser to test with, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: run the tests with `python3 dev.py -s browser`"
    absent = [path for path in (BROWSER, DRIVER) if not os.access(path, os.X_OK)]
    if absent:
        return f"no browser at {', '.join(absent)}: `{INSTALL}` (Debian, Ubuntu)"
    return None


def start():
    """A headless Chromium whose console and network events the tests can read."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    width, height = WINDOW
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--password-store=basic",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


def forget_everything(driver, origins):
    """Cookies, the cache, and the storage of `origins`: the next test is a new visitor.

    (Chromium keeps HTTP Basic credentials it was given for as long as it runs; the test
    that gives it some uses a browser of its own.)
    """
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    for origin in origins:
        driver.execute_cdp_cmd(
            "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
        )
    driver.get("about:blank")
    console(driver)
    network(driver)


def console(driver):
    """The console messages since the last call: [{"level", "message"}, ...]."""
    return driver.get_log("browser")


def csp_violations(messages):
    return [m["message"] for m in messages if "Content Security Policy" in m["message"]]


def network(driver):
    """The network events since the last call, as Chrome DevTools Protocol messages."""
    events = (json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
    return [event for event in events if event["method"].startswith("Network.")]


def requested_urls(events):
    """Every URL the page asked for, in order."""
    return [
        event["params"]["request"]["url"]
        for event in events
        if event["method"] == "Network.requestWillBeSent"
    ]


def response_bodies(driver, events, origin):
    """{url: body} of every answer from `origin` that page JavaScript could have read."""
    bodies = {}
    for event in events:
        if event["method"] != "Network.responseReceived":
            continue
        url = event["params"]["response"]["url"]
        if not url.startswith(origin):
            continue
        try:
            found = driver.execute_cdp_cmd(
                "Network.getResponseBody", {"requestId": event["params"]["requestId"]}
            )
        except Exception:  # a redirect or a body Chrome no longer holds: nothing to read
            continue
        body = found["body"]
        bodies[url] = (
            base64.b64decode(body).decode(errors="replace") if found["base64Encoded"] else body
        )
    return bodies


def screenshot(driver, path, height=None):
    """A PNG of the page, the window cut to `height` pixels (small files for the docs)."""
    width, full = WINDOW
    driver.set_window_size(width, height or full)
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    driver.set_window_size(width, full)
