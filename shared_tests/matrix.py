"""The behaviour matrix in README.md: every cell is claimed by a test that passed.

A test claims a cell with `@pytest.mark.matrix(row, value)`, or, when it measures the
value, by calling the `matrix_cell` fixture: `matrix_cell(row, value)`. The column is
the login variant, so such a test takes the `adapter` fixture. A claim counts only if
the test passes.

"yes" tests select their variants with `@pytest.mark.requires(capability)`; "no" tests
with its counterpart `@pytest.mark.lacks(capability)`, defined here. A claim must agree
with the adapter's capabilities, so the table and what the rest of the suite selects on
cannot drift apart.

`--matrix-out PATH` writes the claims as JSON for tools/matrix.py, which renders the
table. The file also says whether the run was the whole suite and passed: a run with
`-k`, one file, `--lf` or a failure never passes for the whole table.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

SUITE = Path(__file__).resolve().parent

# The rows, in the README's order: key, label, and what a "yes" (or a value) means.
# Every row but "queries" is also a capability (see shared_tests/adapters/base.py).
ROWS = [
    (
        "stateless",
        "stateless",
        "the credential still works after the server deletes everything the login stored",
    ),
    (
        "expiry",
        "expires by itself",
        "how long the credential lasts: accepted a second before, refused a second after",
    ),
    (
        "revocable",
        "revocable",
        "a copy of the credential taken before logout is refused after it",
    ),
    (
        "logout-everywhere",
        "log out everywhere",
        "one request ends every login of the user, on every client, and no other user's",
    ),
    (
        "password-change-revokes",
        "password change revokes at once",
        "a copy of the credential taken before a password change is refused right after it",
    ),
    (
        "refresh-rotation",
        "refresh rotation",
        "a refresh token buys new tokens once, and the new refresh token works",
    ),
    (
        "registration",
        "registration",
        "an anonymous client can create an account through the API",
    ),
    (
        "email-verification",
        "email verification",
        "a new account logs in only after following the link it was emailed",
    ),
    (
        "httponly-cookie",
        "browser-safe storage",
        "the credential travels only in httpOnly cookies, out of page JavaScript's reach",
    ),
    (
        "csrf",
        "needs CSRF",
        "an unsafe request with the credential but no CSRF token is refused",
    ),
    (
        "queries",
        "DB queries per request",
        "what an authenticated `GET /api/secret/` costs, held to the floor its adapter declares",
    ),
    (
        "challenge",
        "401 with challenge",
        "a request without credentials gets 401 and a `WWW-Authenticate` header",
    ),
    (
        "second-factor",
        "second factor",
        "with a TOTP code turned on, the password alone buys nothing the API accepts until"
        " the code is given",
    ),
    (
        "phishing-resistant",
        "phishing-resistant login",
        "a passkey logs in, and an assertion signed on any other page (another host, port or"
        " RP ID) is refused; the password login stays beside it",
    ),
]
ROW_KEYS = [key for key, _, _ in ROWS]
NOT_CAPABILITIES = {"queries"}

CLAIMS = pytest.StashKey[list]()  # (row, value) claimed by the running test
PROVED = pytest.StashKey[list]()  # (row, adapter, value, test id) of the passed tests
DESELECTED = pytest.StashKey[int]()


def pytest_addoption(parser):
    parser.addoption(
        "--matrix-out",
        metavar="PATH",
        help="write the behaviour-matrix cells proved by passing tests to PATH (JSON)",
    )


def pytest_configure(config):
    config.stash[PROVED] = []
    config.stash[DESELECTED] = 0
    out = config.getoption("matrix_out")
    if out:
        # A run that dies before the end must not leave an older run's cells behind.
        Path(out).unlink(missing_ok=True)


def adapter_of(item):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("adapter") if callspec else None


def pytest_runtest_setup(item):
    """Skips `@pytest.mark.lacks(cap)` tests where the variant has `cap`."""
    for marker in item.iter_markers("lacks"):
        adapter = adapter_of(item)
        if adapter is None:
            pytest.fail("`lacks` needs the `adapter` fixture", pytrace=False)
        present = set(marker.args) & adapter.capabilities
        if present:
            pytest.skip(f"{adapter} has {', '.join(sorted(present))}")


@pytest.fixture
def matrix_cell(request):
    """`matrix_cell(row, value)` claims a cell whose value the test measured."""
    if "adapter" not in request.fixturenames:
        pytest.fail("a matrix cell needs the `adapter` fixture: it names the column")
    claims = request.node.stash.setdefault(CLAIMS, [])
    return lambda row, value: claims.append((row, str(value)))


def claims_of(item):
    """The (row, value) pairs the test's markers and `matrix_cell` calls claim."""
    claims = [tuple(marker.args) for marker in item.iter_markers("matrix")]
    return claims + item.stash.get(CLAIMS, [])


def misclaim(adapter, row, value):
    """Why the claim `row=value` cannot stand, or None. A "no" must go with a missing
    capability and anything else with a present one."""
    if adapter is None:
        return "a matrix cell needs the `adapter` fixture: it names the column"
    if row not in ROW_KEYS:
        return f"{row!r} is not a row of the matrix ({', '.join(ROW_KEYS)})"
    if row not in NOT_CAPABILITIES and (value != "no") != (row in adapter.capabilities):
        return f"{adapter} claims {row}={value!r}, which its capabilities contradict"
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps the claims of a test that passed. A claim that cannot stand fails the
    test instead, so a typo never turns into a quietly missing cell."""
    report = yield
    if report.when != "call" or not report.passed:
        return report
    adapter = adapter_of(item)
    claims = claims_of(item)
    for row, value in claims:
        problem = misclaim(adapter, row, value)
        if problem:
            report.outcome, report.longrepr = "failed", problem
            return report
    proved = item.config.stash[PROVED]
    proved += [(row, adapter.name, value, item.nodeid) for row, value in claims]
    return report


def pytest_deselected(items):
    # `-k`, `-m` and `--lf` all announce what they leave out here.
    config = items[0].config if items else None
    if config is not None:
        config.stash[DESELECTED] += len(items)


def partial_because(session, exitstatus):
    """Why this run cannot speak for the whole table (empty when it can)."""
    config = session.config
    reasons = []
    if exitstatus != 0:
        reasons.append(f"pytest exited with status {int(exitstatus)}")
    if config.stash[DESELECTED]:
        reasons.append(f"{config.stash[DESELECTED]} tests were deselected")
    paths = {(config.invocation_params.dir / arg).resolve() for arg in config.args}
    # The browser tests are a whole run of their own (`nox -s browser`, see tools/matrix.py).
    if paths not in ({SUITE}, {SUITE / "browser"}):
        reasons.append(f"it ran {' '.join(config.args)}, not the whole of {SUITE.name}/")
    return "; ".join(reasons)


def cells(proved):
    """{row: {adapter: {value: [test ids]}}}: two values in one cell are a conflict,
    which tools/matrix.py reports."""
    table = {}
    for row, adapter, value, test in proved:
        table.setdefault(row, {}).setdefault(adapter, {}).setdefault(value, []).append(test)
    return table


def pytest_sessionfinish(session, exitstatus):
    out = session.config.getoption("matrix_out")
    if not out:
        return
    from .adapters import adapters_for  # imported late: adapters need Django set up

    chapter = settings.BASE_DIR.name
    results = {
        "chapter": chapter,
        "partial": partial_because(session, exitstatus),
        "rows": ROWS,
        "columns": [[a.name, a.label] for a in adapters_for(chapter)],
        "cells": cells(session.config.stash[PROVED]),
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
