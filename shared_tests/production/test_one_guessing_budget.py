"""Password guesses spread over every login variant of a chapter, through several workers.

SPEC section 4, "One guessing budget": all of a chapter's password endpoints share one
`login` budget per client address. Guesses sent together at every variant's login (01:
the Basic header and the JSON session login), through workers sharing Redis, get RATE
answers between them, and a 429 for every other guess.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from ..conftest import ADAPTERS
from .clients import password_check
from .conftest import FAST_HASHER

RATE = 5
WORKERS = 4
GUESSES = 40
PARALLEL = 16
# Only the login scope is tight: the CSRF cookie 01's session login needs is fetched
# anonymously, once per guess.
RATES = {"THROTTLE_LOGIN": f"{RATE}/minute", "THROTTLE_ANON": "100000/minute"}


def test_parallel_guesses_at_every_login_variant_get_one_budget_of_answers(
    database_url, redis_url, gunicorn, make_user
):
    make_user("victim")
    base_url = gunicorn(
        WORKERS, DATABASE_URL=database_url, REDIS_URL=redis_url, **RATES, **FAST_HASHER
    )

    def guess(n):
        adapter = ADAPTERS[n % len(ADAPTERS)]
        return password_check(base_url, adapter, "victim", f"guess-{n}").status

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = Counter(pool.map(guess, range(GUESSES)))
    refusals = sum(count for status, count in statuses.items() if status in (400, 401))
    assert statuses[429] == (GUESSES - RATE), statuses
    assert refusals == RATE, statuses
