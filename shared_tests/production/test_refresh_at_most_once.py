"""One refresh token, sent many times at once, through several workers, to PostgreSQL.

Each worker checks the blacklist and then writes to it; SimpleJWT's own `blacklist()`
did both as two steps, and 16 parallel refreshes got 2 to 4 answers of 200. The insert
of the blacklist row is the gate now (accounts/simplejwt_fixes.py): exactly one 200.
"""

import pytest

from ..conftest import PASSWORD
from .clients import parallel_refresh_statuses
from .conftest import FAST_HASHER

pytestmark = pytest.mark.requires("refresh-rotation")

WORKERS = 4
PARALLEL = 16
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


def test_parallel_refreshes_of_one_token_succeed_once(database_url, gunicorn, make_user, adapter):
    if getattr(adapter, "refresh_path", None) is None:
        pytest.skip(f"{adapter.name} names no refresh_path with the token in the body")
    make_user("racer")
    base_url = gunicorn(
        WORKERS, DATABASE_URL=database_url, DJANGO_CONN_MAX_AGE="60", **GENEROUS, **FAST_HASHER
    )
    statuses = parallel_refresh_statuses(base_url, adapter, "racer", PASSWORD, PARALLEL)
    assert statuses[200] == 1, f"one refresh token bought more than one pair: {statuses}"
    # Every other one refused, as the description's refresh says a dead token is.
    assert statuses[adapter.refused_refresh.status] == PARALLEL - 1, statuses
