"""What the bench measures in each chapter: each of its logins, and what each may cost.

The logins are the suite's own descriptions (shared_tests/adapters/), driven with DRF's
test client in the bench process; the headers a logged-in client sends (a credential's
header, or cookies and a CSRF token) then serve both the in-process query count and
wrk's requests to gunicorn. They share one database and one secret key, so a key, a JWT
or a session row is valid in both.
"""

import json
from dataclasses import dataclass, field

from .bench_site.stock import STOCK, stock_path

# The write: the caller's profile, as a single-page client would save it.
WRITE_BODY = json.dumps({"phone": "+1 555 0100"})

# The rate a strategy must keep, as a fraction of the baseline's, by the queries its
# credential needs per request: each indexed query costs about half the rate.
TARGETS = {0: 0.85, 1: 0.5, 2: 0.35}

# Each strategy's peer: the library's own class for the same credential (bench_site/
# stock.py), by chapter and login label. Basic has none (DRF's class is as slow: the
# hash), nor stateless JWT (it is SimpleJWT's own class already).
PEERS = {
    ("01_basic_session", "Session"): "drf-session",
    ("02_token", "Token"): "drf-token",
    ("03_jwt", "JWT"): "simplejwt",
    ("04_djoser", "JWT"): "simplejwt",
    ("04_djoser", "Token"): "drf-token",
    ("05_allauth_registration", "Cookie"): "dj-rest-auth-cookie",
    ("05_allauth_registration", "Bearer"): "simplejwt",
    ("06_oauth2", "OAuth2"): "oauth2-toolkit",
    ("07_passkeys_mfa", "Browser"): "drf-session",  # headless's browser login: a session
    ("07_passkeys_mfa", "App"): "allauth-app",
}


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
    the user; None: not held to one), and `target` the rate it must keep as a fraction
    of the baseline's. A peer (`peer_of`, the strategy's name) is a library's stock
    class reading the same credential, from the same login: measured, not judged.
    """

    name: str
    login: object
    get_path: str = "/api/secret/"
    write_path: str | None = "/api/customers/me/"  # None: no write to measure
    floor: int | None = 0
    target: float | None = None
    short: bool = False  # measured for less time: it is too slow for the full duration
    peer_of: str | None = None


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


def variants_for(chapter, adapters):
    """A variant per login description, in the chapter's order, each followed by its
    stock peer (PEERS). Basic checks a slow password hash on every request, so it has
    no target and a shorter run. A JWT login (chapter 03) is measured a second time
    against views whose authentication reads no user row: there the profile, which
    needs one, is not measured."""
    variants = []
    for adapter in adapters:
        floor = adapter.queries_per_request
        if "basic" in adapter.capabilities:
            name = f"{adapter.label} (PBKDF2)"  # the production hasher, not the tests' MD5
            variants.append(Variant(name, adapter, floor=floor, short=True))
            continue
        variants.append(Variant(adapter.label, adapter, floor=floor, target=TARGETS[floor]))
        route = PEERS.get((chapter, adapter.label))
        if route:
            name = f"{adapter.label} (stock: {STOCK[route].label})"
            stock = {"get_path": stock_path(route), "write_path": None, "floor": None}
            variants.append(Variant(name, adapter, **stock, peer_of=adapter.label))
        if "jwt" in adapter.capabilities:
            stateless = {"get_path": "/bench/stateless/secret/", "write_path": None}
            name = f"Stateless {adapter.label}"
            variants.append(Variant(name, adapter, **stateless, floor=0, target=TARGETS[0]))
    return variants


def first_strategy(variants):
    """The chapter's first strategy measured in full: the one the other server measures."""
    return next(v for v in variants if v.login and not v.short and not v.peer_of)
