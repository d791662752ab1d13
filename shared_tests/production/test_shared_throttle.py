"""Throttle counters live in the cache, so workers share a count only if they share it.

DRF counts requests in Django's cache. Local memory is one per process: under gunicorn
each worker keeps its own count, and a client gets up to the rate times the workers.
Redis gives every worker the same count. Requests go one at a time, each to whichever
worker takes it; the local-memory test shows that several workers do. Sent at once,
they reach the workers together, and the count stays exact only because api/throttles.py
lets one worker at a time read and update it.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from .clients import request

RATE = 10
WORKERS = 4
# Enough that every worker could pass its own limit, however unevenly gunicorn hands
# out connections.
REQUESTS = RATE * WORKERS * 3


def statuses(base_url, concurrency=1):
    """Sends REQUESTS anonymous GETs to an endpoint with the anon throttle."""
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        answers = pool.map(
            lambda _: request(base_url, "GET", "/api/throttle-check/").status, range(REQUESTS)
        )
        return Counter(answers)


def test_workers_sharing_redis_allow_exactly_the_rate(gunicorn, redis_url):
    base_url = gunicorn(WORKERS, REDIS_URL=redis_url, THROTTLE_ANON=f"{RATE}/minute")
    assert statuses(base_url) == {200: RATE, 429: REQUESTS - RATE}


def test_workers_with_local_memory_each_allow_the_rate(gunicorn):
    base_url = gunicorn(WORKERS, THROTTLE_ANON=f"{RATE}/minute")
    assert RATE < statuses(base_url)[200] <= RATE * WORKERS


def test_concurrent_requests_through_redis_allow_exactly_the_rate(gunicorn, redis_url):
    base_url = gunicorn(WORKERS, REDIS_URL=redis_url, THROTTLE_ANON=f"{RATE}/minute")
    assert statuses(base_url, concurrency=16) == {200: RATE, 429: REQUESTS - RATE}
