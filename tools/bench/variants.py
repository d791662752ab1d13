"""What the bench measures in each chapter: each of its logins, and what each may cost.

The logins are the suite's own descriptions (shared_tests/adapters/), driven with DRF's
test client in the bench process; the headers a logged-in client sends (a credential's
header, or cookies and a CSRF token) then serve both the in-process query count and
wrk's requests to gunicorn. They share one database and one secret key, so a key, a JWT
or a session row is valid in both.
"""

import json
from dataclasses import dataclass, field

# The write: the caller's profile, as a single-page client would save it.
WRITE_BODY = json.dumps({"phone": "+1 555 0100"})

# The rate a strategy must keep, as a fraction of the baseline's, by the queries its
# credential needs per request: each indexed query costs about half the rate.
TARGETS = {0: 0.85, 1: 0.5, 2: 0.35}


@dataclass(frozen=True)
class Credentials:
    """What a client sends once logged in: with a GET, and with a write (which adds the
    CSRF token where the credential is a cookie)."""

    headers: dict = field(default_factory=dict)
    write_headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Variant:
    """One way to call the two endpoints, with its limits.

    `login` is the suite's adapter for one login description (None: no login). `floor`
    is the number of queries the strategy may add to a request (what it needs to find
    the user), and `target` the rate it must keep as a fraction of the baseline's.
    """

    name: str
    login: object
    get_path: str = "/api/secret/"
    write_path: str | None = "/api/customers/me/"  # None: no write to measure
    floor: int = 0
    target: float | None = None
    short: bool = False  # measured for less time: it is too slow for the full duration


def credentials(adapter, client, username, password):
    """Logs `client` in as `adapter` says; answers what it then sends to /api/."""
    if adapter is None:
        return Credentials()
    adapter.login(client, username, password)
    return Credentials(
        adapter.sent_headers(client, unsafe=False), adapter.sent_headers(client, unsafe=True)
    )


# Authentication turned off: the same views at other URLs (see bench_site/urls.py).
BASELINE = Variant(
    "Authentication off",
    None,
    get_path="/bench/off/secret/",
    write_path="/bench/off/customers/me/",
)


def variants_for(adapters):
    """A variant per login description, in the chapter's order. Basic checks a slow
    password hash on every request, so it has no target and a shorter run. A JWT login
    (chapter 03) is measured a second time against views whose authentication reads
    no user row: there the profile, which needs one, is not measured."""
    variants = []
    for adapter in adapters:
        floor = adapter.queries_per_request
        if "basic" in adapter.capabilities:
            name = f"{adapter.label} (PBKDF2)"  # the production hasher, not the tests' MD5
            variants.append(Variant(name, adapter, floor=floor, short=True))
            continue
        variants.append(Variant(adapter.label, adapter, floor=floor, target=TARGETS[floor]))
        if "jwt" in adapter.capabilities:
            stateless = {"get_path": "/bench/stateless/secret/", "write_path": None}
            name = f"Stateless {adapter.label}"
            variants.append(Variant(name, adapter, **stateless, floor=0, target=TARGETS[0]))
    return variants
