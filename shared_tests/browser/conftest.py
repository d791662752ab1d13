"""A real browser against the chapter served by runserver, for what only a browser decides.

Collected only with BROWSER_TESTS=1 (`python3 dev.py -s browser`), like the production
leg: these tests start a server and a browser. Without Debian's chromium and
chromium-driver they skip, saying how to install them.

One server per chapter run, on a throwaway SQLite database holding the demo data
(`manage.py load_demo_data`), and one browser, which every test starts over with no
cookies and no storage. The chapter is served on 127.0.0.1; `other_site` serves an
attacker's pages on localhost, another site to the browser.
"""

import importlib.util
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings

from api.management.commands.load_demo_data import DEMO_USERS
from shared_tests.servers import free_port, port_open, stop

from . import chromium
from .other_site import OtherSite

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
ENABLED = os.environ.get("BROWSER_TESTS") == "1"
# Without selenium (a test virtualenv of `nox -s tests`) the modules cannot be imported.
DRIVER_INSTALLED = importlib.util.find_spec("selenium") is not None
collect_ignore_glob = [] if ENABLED and DRIVER_INSTALLED else ["test_*.py"]

PORTS = range(8380, 8400)  # this suite's share of the loopback ports
BOOT_TIMEOUT = 60
CLEARED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "THROTTLE_")
SERVER_ENV = {
    "DJANGO_DEBUG": "1",  # as `nox -s serve` runs it for a student
    # The demo users' passwords hashed fast: logins are not what is under test here.
    "DJANGO_SETTINGS_MODULE": "shared_tests.production.fast_hasher_settings",
    "PYTHONPATH": str(ROOT),
    # Every test logs in afresh; the guessing budget has tests of its own.
    **{f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")},
}
# Where the committed pictures go (`nox -s browser -- --screenshots`).
PICTURES = ROOT / "docs" / "browser"
CHAPTER = settings.BASE_DIR.name
DEMO = settings.DEMO_CLIENT
PASSWORDS = {user["username"]: user["password"] for user in DEMO_USERS}


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        help=f"write the pictures the READMEs show into {PICTURES.relative_to(ROOT)}/",
    )


def pytest_report_header(config):
    if not ENABLED:
        return "shared_tests/browser/: not collected without BROWSER_TESTS=1"
    if not DRIVER_INSTALLED:
        return "shared_tests/browser/: not collected: " + chromium.missing()
    return f"browser: {chromium.BROWSER}, driver: {chromium.DRIVER}"


class LiveChapter(NamedTuple):
    url: str
    database: Path

    def count(self, sql, *params):
        """One number from the server's database, read outside the browser and the API."""
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql, params).fetchone()[0]


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """The chapter under `runserver` on a fresh database with the demo data."""
    folder = tmp_path_factory.mktemp("live")
    database = folder / "db.sqlite3"
    env = {name: value for name, value in os.environ.items() if not name.startswith(CLEARED)}
    env |= SERVER_ENV | {"DATABASE_URL": f"sqlite:///{database}"}
    port = free_port(PORTS)
    url = f"http://127.0.0.1:{port}"
    manage("migrate", "--no-input", env=env)
    # An OAuth chapter's /demo/ comes back to `<url>/demo/`, which its demo client must
    # have registered, exactly (06_oauth2/accounts/management/commands/load_demo_data.py).
    manage("load_demo_data", *(["--origin", url] if "authorize" in DEMO else []), env=env)
    log_path = folder / "runserver.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + BOOT_TIMEOUT
    while not port_open(port):
        assert process.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, f"runserver did not start:\n{log_path.read_text()}"
        time.sleep(0.05)
    yield LiveChapter(url, database)
    stop(process)


@pytest.fixture(scope="session")
def chromium_driver():
    """One browser for the whole run: starting one costs a second or two."""
    reason = chromium.missing()
    if reason:
        pytest.skip(reason)
    driver = chromium.start()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium_driver, live):
    """The browser with nothing remembered, its console checked after the test.

    Any Content-Security-Policy violation on any page the test opened fails it: the
    chapter's pages must work under the policy they send.
    """
    chromium.forget_everything(chromium_driver, [live.url])
    yield chromium_driver
    violations = chromium.csp_violations(chromium.console(chromium_driver))
    assert not violations, "the console reported CSP violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def other_site():
    site = OtherSite(PORTS)
    yield site
    site.close()


@pytest.fixture
def picture(request):
    """`picture(driver, name)` saves a PNG for the docs, with `--screenshots` only."""

    def save(driver, name, height=None):
        if request.config.getoption("screenshots"):
            chromium.screenshot(driver, PICTURES / f"{CHAPTER}-{name}.png", height)

    return save
