"""`--base-url URL`: the suite's requests go over HTTP to a server that is already running.

The fixtures still create users, categories and todos with the ORM, so the server and the
test process share one database: the one `DATABASE_URL` names, which must be a test
database (its name starts with `test`), because it is emptied after every test. Over
HTTP what a test writes is committed at once, so the server sees it (shared_database.py).

What only the test process can do (move its clock, read `mail.outbox`, count queries,
change settings or throttle rates, patch code) the server cannot see, so a test that
needs it is skipped over HTTP with the reason: marked `@pytest.mark.in_process("why")`,
or found from the fixtures it requests.
"""

import os
import shutil
import tempfile
from unittest import mock

import pytest
from django.test import Client, override_settings

from . import file_outbox, over_http, served, shared_database, use_server
from .shared_cache import file_cache

# Fixtures whose effect stays inside the test process, and why a test using them cannot
# run against another process.
IN_PROCESS_FIXTURES = {
    "time_machine": "moves the test process's clock",
    "mailoutbox": "reads the emails of the test process (django.core.mail.outbox)",
    "django_assert_num_queries": "counts the test process's queries",
    "django_assert_max_num_queries": "counts the test process's queries",
    "django_capture_on_commit_callbacks": "runs on-commit callbacks in the test process",
    "settings": "changes the test process's settings",
    "threaded_server": "serves its own copy of the database",
    "client": "uses Django's in-process test client",
}
# Fixtures that every test has (autouse: `rates`, pytest-django's private ones) use
# these to no effect over HTTP; a test that requests one itself, or through a fixture of
# its own, changes the test process.
REQUESTED_FIXTURES = {
    "rates": "sets throttle rates in the test process",
    "monkeypatch": "patches code in the test process",
}
AUTOUSE = {"rates", "_in_process_requests"}


def pytest_addoption(parser):
    group = parser.getgroup("transport", "where the suite's requests go")
    group.addoption(
        "--base-url",
        metavar="URL",
        help="send every request to the server at URL (http://127.0.0.1:8000) instead of "
        "the in-process test client; the server must use the database DATABASE_URL names",
    )
    group.addoption(
        "--serve",
        choices=["runserver", "gunicorn"],
        help="start the chapter on the test database (runserver; or gunicorn in "
        "production mode behind a TLS proxy), then send every request to it",
    )
    group.addoption(
        "--email-dir",
        metavar="DIR",
        help="with --base-url: the folder the server's file email backend writes to, so "
        "tests that follow emailed links run too (else they are skipped)",
    )
    group.addoption(
        "--behind-tls-proxy",
        action="store_true",
        help="stand in for a TLS proxy: send X-Forwarded-Proto: https (the server runs "
        "with DJANGO_TLS_PROXY=1) and Secure cookies",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "in_process(reason): the test needs the test process itself (its clock, outbox, "
        "settings, queries); skipped over HTTP with the reason",
    )
    serve = config.getoption("serve")
    if serve and not os.environ.get("REDIS_URL"):
        os.environ["SUITE_CACHE_DIR"] = temporary_folder(config, "cache-")  # the server's too
    if (serve or config.getoption("base_url")) and os.environ.get("SUITE_CACHE_DIR"):
        override_settings(CACHES=file_cache(os.environ["SUITE_CACHE_DIR"])).enable()
    if serve == "gunicorn" and not served.production_settings():
        raise pytest.UsageError(
            "--serve gunicorn runs the chapter in production mode, and the test process must "
            "too (what its fixtures write must suit that server): set DJANGO_DEBUG=0, "
            "DJANGO_SECRET_KEY and DJANGO_TLS_PROXY=1, as `nox -s http_production` does"
        )
    if serve:
        config.option.base_url = f"http://127.0.0.1:{served.pick_port(serve)}"
        config.option.behind_tls_proxy = serve == "gunicorn"
        config.option.email_dir = config.option.email_dir or temporary_folder(config, "outbox-")
        config.pluginmanager.register(served, "served-chapter")
    if config.getoption("email_dir"):
        os.environ["SUITE_EMAIL_DIR"] = config.getoption("email_dir")  # the server's too
        config.pluginmanager.register(file_outbox, "file-outbox")
    base_url = config.getoption("base_url")
    if base_url:
        use_server(base_url, tls_proxy=config.getoption("behind_tls_proxy"))
        config.pluginmanager.register(shared_database, "shared-database")


def temporary_folder(config, prefix):
    """A new folder, removed when the run ends."""
    folder = tempfile.mkdtemp(prefix=prefix)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    return folder


def pytest_report_header(config):
    if over_http():
        return f"transport: HTTP to {config.getoption('base_url')} (in-process tests skipped)"
    return "transport: in process (APIClient)"


def in_process_reason(item):
    """Why `item` can only run in process, or None."""
    reads_server_mail = bool(item.config.getoption("email_dir"))  # see file_outbox.py
    marker = item.get_closest_marker("in_process")
    if marker:
        return marker.args[0] if marker.args else marker.kwargs.get("reason", "")
    for name, reason in IN_PROCESS_FIXTURES.items():
        if name in item.fixturenames and not (name == "mailoutbox" and reads_server_mail):
            return reason
    definitions = item._fixtureinfo.name2fixturedefs
    requested = set(item._fixtureinfo.argnames)
    for name in set(item.fixturenames) - AUTOUSE:
        if definitions.get(name) and not name.startswith("_"):
            requested.update(definitions[name][-1].argnames)
    for name, reason in REQUESTED_FIXTURES.items():
        if name in requested:
            return reason
    return None


def pytest_collection_modifyitems(config, items):
    if not over_http():
        return
    for item in items:
        reason = in_process_reason(item)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"in process only: {reason}"))


def refuse_in_process_request(*args, **kwargs):
    pytest.skip("sends a request through an in-process client made outside shared_tests.transport")


@pytest.fixture(autouse=True)
def _in_process_requests():
    """Over HTTP, a request that would not reach the server skips its test rather than
    passing in process unseen."""
    if not over_http():
        yield
        return
    with mock.patch.object(Client, "request", refuse_in_process_request):
        yield
