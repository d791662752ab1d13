"""In process: the bench user, each variant's login, and the SQL one request runs.

Counting queries needs Django's CaptureQueriesContext, so it runs here, with Django's
test client, on the database gunicorn serves from (environment.py).
"""

from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from .calls import requests_for
from .errors import BenchError
from .sizes import USERNAME
from .variants import BASELINE, credentials


def prepare_database(adapter, password):
    """Migrates the throwaway database and creates the one user every variant logs in as,
    as `adapter`, a login of the chapter, makes users (05 verifies their address)."""
    call_command("migrate", verbosity=0)
    adapter.create_user(USERNAME, password)


def login(variant, password):
    """Logs in through the chapter's endpoints, as a client on 127.0.0.1 over HTTPS.

    The test client skips Django's CSRF check (over HTTPS it would also want the page's
    Referer); the CSRF token still travels, and wrk's writes send it with their Origin.
    """
    client = APIClient(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    try:
        return credentials(variant.login, client, USERNAME, password)
    finally:
        connections.close_all()  # nothing of this process stays open while wrk runs


def logins(variants, password):
    """{variant name: its credentials}, with one login per login description: a peer and
    the stateless variant send exactly what their strategy's login answered."""
    by_login, found = {}, {}
    for variant in variants:
        if id(variant.login) not in by_login:
            by_login[id(variant.login)] = login(variant, password)
        found[variant.name] = by_login[id(variant.login)]
    return found


def count_queries(request):
    """The SQL one request runs, after a first one that warms it up.

    The first PATCH creates the profile, and the baseline loads its user once per
    process; neither happens again, so the second request is what every request costs.
    """
    client = Client(headers={"Host": "127.0.0.1"})
    for attempt in ("warm-up", "counted"):
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(
                request.method,
                request.path,
                request.body,
                content_type="application/json",
                headers=request.headers,
            )
        if response.status_code != 200:
            raise BenchError(f"{attempt} {request.method} {request.path}: {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def query_counts(variants, password):
    """Queries per request, per variant, and what each strategy adds to the baseline."""
    counted = {}
    credentials = logins(variants, password)
    for variant in variants:
        pair = requests_for(variant, credentials[variant.name], "https://127.0.0.1")
        for kind, request in zip(("get", "write"), pair, strict=True):
            if request is not None:
                counted[variant.name, kind] = count_queries(request)
    results = []
    for variant in variants:
        for kind in ("get", "write"):
            if (variant.name, kind) not in counted:
                continue
            sql = counted[variant.name, kind]
            added = len(sql) - len(counted[BASELINE.name, kind])
            results.append(
                {
                    "variant": variant.name,
                    "kind": kind,
                    "queries": len(sql),
                    "added": added,
                    "floor": variant.floor,
                    "within_floor": variant.floor is None or added <= variant.floor,
                    "sql": sql,
                }
            )
    return results


def report_over_floor(queries):
    """Says which strategies add more queries than their floor allows."""
    for entry in queries:
        if not entry["within_floor"]:
            print(
                f"  OVER THE FLOOR: {entry['variant']} {entry['kind']} adds "
                f"{entry['added']} queries (floor {entry['floor']})",
                flush=True,
            )
