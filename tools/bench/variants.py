"""What the bench measures in each chapter: each of its logins, and what each may cost.

The logins are the suite's own descriptions (shared_tests/adapters/), driven with DRF's
test client in the bench process; the headers a logged-in client sends (a credential's
header, or cookies and a CSRF token) then serve both the in-process query count and
wrk's requests to gunicorn. They share one database and one secret key, so a key, a JWT
or a session row is valid in both.
"""

import json
from dataclasses import dataclass, field

from .bench_site.stock import OFF, STATELESS, STOCK

# The write: the caller's profile, as a single-page client would save it.
WRITE_BODY = json.dumps({"phone": "+1 555 0100"})

# The rate a strategy must keep, as a fraction of the baseline's, by the queries its
# credential needs on a miss: none (stateless JWT), one (a key, a JWT, an OAuth2 token:
# remembered in Redis, a cache read instead), two (a session and its user).
TARGETS = {0: 0.9, 1: 0.75, 2: 0.6}

# Each strategy's peer: the library's own class for the same credential (bench_site/
# stock.py), by chapter and login label. Basic has none (DRF's class is as slow: the
# hash); stateless JWT's is SimpleJWT's JWTStatelessUserAuthentication (variants_for).
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
    authentication: str | None = None  # what X-Bench-Authentication asks for, if anything
    write: bool = True  # False: no write to measure
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


# Authentication turned off: the same views, the user preset (bench_site/authentication.py).
BASELINE = Variant("Authentication off", None, authentication=OFF)


def remembered(adapter):
    """Whether a warm request of this login costs no query: its credential is remembered
    in the shared cache (`credential-cache`), and the cache is on (Redis answered)."""
    from django.conf import settings  # here: the tools' own tests run without Django

    return "credential-cache" in adapter.capabilities and settings.CREDENTIAL_CACHE_SECONDS > 0


def variants_for(chapter, adapters):
    """A variant per login description, in the chapter's order, each followed by its
    stock peer (PEERS). Basic checks a slow password hash on every request, so it has
    no target and a shorter run. A JWT login (chapter 03) is measured a second time
    with chapter 03's stateless class (accounts/stateless.py), which reads no user row:
    there the profile, which needs one, is not measured."""
    variants = []
    for adapter in adapters:
        misses = adapter.queries_per_request  # what the credential costs on a miss
        floor = 0 if remembered(adapter) else misses
        if "basic" in adapter.capabilities:
            name = f"{adapter.label} (PBKDF2)"  # the production hasher, not the tests' MD5
            variants.append(Variant(name, adapter, floor=floor, short=True))
            continue
        variants.append(Variant(adapter.label, adapter, floor=floor, target=TARGETS[misses]))
        route = PEERS.get((chapter, adapter.label))
        if route:
            name = f"{adapter.label} (stock: {STOCK[route].label})"
            stock = {"authentication": route, "write": False, "floor": None}
            variants.append(Variant(name, adapter, **stock, peer_of=adapter.label))
        if "jwt" in adapter.capabilities:
            stateless = {"authentication": STATELESS, "write": False}
            name = f"Stateless {adapter.label}"
            variants.append(Variant(name, adapter, **stateless, floor=0, target=TARGETS[0]))
            route = "simplejwt-stateless"
            peer = {"authentication": route, "write": False, "floor": None, "peer_of": name}
            variants.append(Variant(f"{name} (stock: {STOCK[route].label})", adapter, **peer))
    return variants


def first_strategy(variants):
    """The chapter's first strategy measured in full: the one the other server measures."""
    return next(v for v in variants if v.login and not v.short and not v.peer_of)
