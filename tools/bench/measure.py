"""The bench's steps in order: query counts in process, then rates on two gunicorns.

Each gunicorn runs with one DJANGO_CONN_MAX_AGE: the settings' default, with every
variant's GET and write, then the other choice (persistent connections or not), with the
baseline's GET and the chapter's first strategy's only, in fewer rounds: that is where
the connection shows, and it keeps the whole bench within 8 minutes.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings

from .calls import requests_for
from .load import load_rounds, profile
from .queries import logins, prepare_database, query_counts, report_over_floor
from .server import gunicorn
from .sizes import OTHER_ROUNDS, PROFILE, ROUNDS
from .stats import summary
from .variants import BASELINE, first_strategy


@dataclass(frozen=True)
class Measured:
    default_conn_max_age: int
    credential_cache_seconds: int  # 0: off (no Redis)
    near_cache_size: int  # how many answers each worker keeps a copy of (api/near_cache.py)
    queries: list
    results: list


def measure_server(env, folder, variants, password, conn_max_age, full):
    """Every variant's GET in rounds, then (if `full`) every variant's write, on one gunicorn."""
    results = []
    with gunicorn({**env, "DJANGO_CONN_MAX_AGE": str(conn_max_age)}, folder) as (server, port):
        origin = f"https://127.0.0.1:{port}"
        # Logged in once per server: that is well within a JWT access token's 5 minutes.
        credentials = logins(variants, password)
        requests = {v.name: requests_for(v, credentials[v.name], origin) for v in variants}
        for index, kind in enumerate(("get", "write") if full else ("get",)):
            plan = [(v, requests[v.name][index]) for v in variants if requests[v.name][index]]
            runs = load_rounds(server, port, plan, ROUNDS if full else OTHER_ROUNDS)
            profiled = PROFILE and full and kind == "get"
            ours = [(v, request) for v, request in plan if not v.peer_of]  # peers: no profile
            shares = profile(server, port, ours, folder) if profiled else {}
            for variant, _ in plan:
                result = summary(variant, kind, runs[variant.name], runs[BASELINE.name])
                result["conn_max_age"] = conn_max_age
                result["profile"] = shares.get(variant.name)
                results.append(result)
                print_result(result)
    return results


def print_result(result):
    print(
        f"  CONN_MAX_AGE={result['conn_max_age']:<3} {result['kind']:<5} "
        f"{result['variant']:<20} {result['rps']:8.1f} rps  {result['ratio']:6.3f}x  "
        f"(rounds {' '.join(f'{r:.2f}' for r in result['round_ratios'])})  "
        f"p50 {result['p50_ms']:6.2f} ms  p99 {result['p99_ms']:7.2f} ms  "
        f"CPU {result['cpu_ms_per_request'] or 0:.2f} ms/request "
        f"(+{result['added_cpu_us'] or 0:.0f} µs)  "
        f"others {result['others_cores'] or 0:.2f} cores",
        flush=True,
    )


def measure_chapter(env, folder, variants):
    """Query counts, then both servers' rates, in a process that is already the chapter."""
    default_age = settings.DATABASES["default"]["CONN_MAX_AGE"]
    password = secrets.token_urlsafe(16)
    prepare_database(next(v.login for v in variants if v.login), password)
    queries = query_counts(variants, password)
    report_over_floor(queries)
    results = measure_server(env, folder, variants, password, default_age, full=True)
    other_age = 0 if default_age else 60
    other = [BASELINE, first_strategy(variants)]
    results += measure_server(env, folder, other, password, other_age, full=False)
    cache = settings.CREDENTIAL_CACHE_SECONDS, getattr(settings, "CREDENTIAL_NEAR_CACHE_SIZE", 0)
    return Measured(default_age, *cache, queries, results)
