"""Password guesses sent all at once, through several workers sharing Redis.

The login throttle allows RATE password checks a minute from one address. Guesses sent
together reach the workers together, and each worker could read the count before any
of them wrote it back (the race api/throttles.py describes). However they arrive, an
attacker gets RATE answers and a 429 for every other guess.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from .clients import password_check
from .conftest import FAST_HASHER

RATE = 5
WORKERS = 4
GUESSES = 40
PARALLEL = 16
# Only the login scope is tight: the CSRF cookie 01's session login needs is fetched
# anonymously, once per guess.
RATES = {"THROTTLE_LOGIN": f"{RATE}/minute", "THROTTLE_ANON": "100000/minute"}


def test_parallel_guesses_get_only_the_rate_of_answers(
    database_url, redis_url, gunicorn, make_user, adapter
):
    make_user("victim")
    base_url = gunicorn(
        WORKERS, DATABASE_URL=database_url, REDIS_URL=redis_url, **RATES, **FAST_HASHER
    )

    def guess(n):
        return password_check(base_url, adapter, "victim", f"guess-{n}").status

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = Counter(pool.map(guess, range(GUESSES)))
    refusals = sum(count for status, count in statuses.items() if status in (400, 401))
    assert statuses[429] == (GUESSES - RATE), statuses
    assert refusals == RATE, statuses
