"""Fixtures for the shared suite, which runs against the chapter in the working directory.

`nox` runs `python -m pytest ../shared_tests` from inside a chapter folder, so
`config.settings` is that chapter's settings and `settings.BASE_DIR` names the chapter.
"""

import importlib.util
import logging
import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import Category, MenuItem

from .adapters import adapters_for
from .dev_server import serve_database_copy
from .servers import stop
from .transport import new_client

pytest_plugins = [
    "shared_tests.matrix",  # the README's behaviour matrix, and `lacks`
    "shared_tests.transport.http_mode",  # --base-url: the same tests over HTTP
]

CHAPTER = settings.BASE_DIR.name
ADAPTERS = adapters_for(CHAPTER)
CAPABILITIES = frozenset().union(*(adapter.capabilities for adapter in ADAPTERS))

PASSWORD = "correct-horse-battery-9"
ROLES = ["anonymous", "user", "manager", "admin"]

# The fuzz tests need schemathesis, which only the `fuzz` nox session installs.
collect_ignore = [] if importlib.util.find_spec("schemathesis") else ["fuzz"]

# Loopback ports for `threaded_server`, apart from the production leg's (8200-8299).
# `python3 dev.py` gives each chapter it tests at once a share ("8300-8329").
_first, _last = os.environ.get("DEV_SERVER_PORTS", "8300-8359").split("-")
DEV_SERVER_PORTS = range(int(_first), int(_last) + 1)

# Every throttle scope's rate during tests, unless a test lowers it.
GENEROUS_RATE = "10000/minute"


def pytest_configure(config):
    # Django logs each 4xx answer as a warning, over ten thousand a chapter, each one
    # formatted for pytest's report. A 5xx, with its traceback, is an error: still logged.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    override_settings(
        # PBKDF2 costs ~300 ms per Basic request; MD5 is fine for throwaway test users.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # WhiteNoise indexes every static file when the middleware loads, and the test
        # client loads the middleware once per client: ~35 ms each. Autorefresh looks a
        # file up when it is requested instead, as under `runserver`.
        WHITENOISE_AUTOREFRESH=True,
    ).enable()


def pytest_report_header(config):
    return f"chapter: {CHAPTER} (adapters: {', '.join(a.name for a in ADAPTERS)})"


def pytest_generate_tests(metafunc):
    """Runs a test once per login variant, password endpoint or header scheme it uses."""
    if "password_check" in metafunc.fixturenames:
        pairs = [(adapter, check) for adapter in ADAPTERS for check in adapter.password_checks()]
        metafunc.parametrize(
            ("adapter", "password_check"),
            pairs,
            ids=[f"{adapter.name}-{check.name}" for adapter, check in pairs],
        )
    elif "adapter" in metafunc.fixturenames:
        metafunc.parametrize("adapter", ADAPTERS, ids=[a.name for a in ADAPTERS])
    if "scheme" in metafunc.fixturenames:
        metafunc.parametrize("scheme", sorted({s for a in ADAPTERS for s in a.schemes}))


def pytest_runtest_setup(item):
    """Skips `@pytest.mark.requires(cap)` tests where the strategy lacks `cap`."""
    for marker in item.iter_markers("requires"):
        adapter = getattr(item, "callspec", None) and item.callspec.params.get("adapter")
        available = adapter.capabilities if adapter else CAPABILITIES
        missing = set(marker.args) - available
        if missing:
            pytest.skip(f"{CHAPTER} ({adapter or 'any adapter'}) lacks {', '.join(missing)}")


@pytest.fixture(autouse=True)
def rates(monkeypatch):
    """Throttle rates by scope: generous by default, and a test may lower any of them.

    DRF copies the configured rates onto `SimpleRateThrottle` at import time, so
    `override_settings` cannot change them; the class attribute is patched instead.
    Changes apply to throttles created afterwards, that is, to the next request.
    """
    generous = {scope: GENEROUS_RATE for scope in SimpleRateThrottle.THROTTLE_RATES}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", generous)
    cache.clear()
    yield generous
    cache.clear()


@pytest.fixture(autouse=True)
def _credential_cache_on():
    """Every test runs with `api.credential_cache` on, as production (Redis) runs it.

    Settings turn it off with local memory, which a worker does not share; in one test
    process local memory is shared by every request, so here it is what Redis would be.
    Each revocation test then also proves the cache's tombstones (`same_credentials`
    makes a request, so the copied credential is remembered before it is revoked).
    """
    with override_settings(CREDENTIAL_CACHE_SECONDS=60):
        yield


@pytest.fixture
def anon():
    return new_client()


@pytest.fixture
def make_user(db, request):
    """Creates a user the way the chapter's adapter needs (active, email verified, ...)."""
    adapter = request.getfixturevalue("adapter") if "adapter" in request.fixturenames else None
    adapter = adapter or ADAPTERS[0]

    def make(username, password=PASSWORD, **fields):
        return adapter.create_user(username, password, **fields)

    return make


@pytest.fixture
def users(make_user):
    """One user per role; `anonymous` is None."""
    manager = make_user("manager")
    manager.groups.add(Group.objects.get_or_create(name="Manager")[0])
    return {
        "anonymous": None,
        "user": make_user("alice"),
        "manager": manager,
        "admin": make_user("admin", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def login(adapter, db):
    """`login(user)` returns a fresh client logged in as `user` through the strategy."""

    def login_as(user, password=PASSWORD):
        client = adapter.client()
        if user is not None:
            adapter.login(client, user.username, password)
        return client

    return login_as


@pytest.fixture
def client_as(login, users):
    """`client_as("manager")` returns a client logged in with that role."""
    return lambda role: login(users[role])


@pytest.fixture
def ids(users):
    """Ids to fill `{...}` placeholders in URLs: a category in use, an empty one, a menu
    item and the manager's user id."""
    category = Category.objects.create(slug="mains", title="Mains")
    return {
        "category": category.id,
        "empty_category": Category.objects.create(slug="empty", title="Empty").id,
        "item": MenuItem.objects.create(title="Pasta", price="9.99", category=category).id,
        "manager_id": users["manager"].id,
    }


@pytest.fixture
def threaded_server(tmp_path):
    """`threaded_server()` serves the chapter under `runserver`, one thread per request,
    on a file copy of the test database (shared_tests/dev_server.py), and answers its URL.

    Races on SQLite run against it; the production leg runs them on PostgreSQL. The
    test must be transactional, so that what it created is committed, hence copied.
    """
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite race; the production leg runs it on PostgreSQL")
    processes = []

    def start():
        url, process = serve_database_copy(tmp_path, DEV_SERVER_PORTS)
        processes.append(process)
        return url

    yield start
    for process in processes:
        stop(process)
