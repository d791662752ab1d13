"""Where a worker's time goes: py-spy samples of the gunicorn workers, sorted into buckets.

py-spy reads a running process's stacks from outside, so the workers run unmodified
code and pay almost nothing for being watched (`--nonblocking`). Only busy samples are
kept: a worker waiting for the next connection is not spending anything.
"""

import collections
import contextlib
import subprocess
import sys
from pathlib import Path

RATE = 250  # samples a second, per worker
PY_SPY = Path(sys.executable).with_name("py-spy")  # installed in the bench venv

# Each busy sample goes to the first bucket that one of its frames matches, so the order
# matters: a query run by an authentication class counts as a query.
BUCKETS = [
    ("connect to the database", ("get_new_connection", "init_connection_state")),
    ("run the SQL", ("backends/utils.py", "backends/sqlite3/base.py", "psycopg")),
    ("hash the password", ("pbkdf2", "hashers.py")),
    ("check the JWT", ("/jwt/", "rest_framework_simplejwt/tokens.py", "simplejwt/backends.py")),
    ("read the shared cache (Redis)", ("/redis/", "django/core/cache/", "hiredis")),
    ("build the query and the objects (ORM)", ("django/db/models/",)),
    ("the rest of authentication", ("perform_authentication",)),
]
# Samples outside Django's handler are the server's: mostly sockets (accept, send, and the
# graceful close that waits for the client's FIN), which py-spy counts as busy.
SERVER = "gunicorn: sockets and HTTP parsing"
OTHER = "the rest of Django and DRF (middleware, routing, view, rendering)"


class Samples:
    def __init__(self, outputs):
        self.outputs = outputs

    def stacks(self):
        """{stack: count} over every worker, from py-spy's collapsed ("raw") format."""
        counts = collections.Counter()
        for output in self.outputs:
            if not output.exists():
                continue
            for line in output.read_text().splitlines():
                stack, _, count = line.rpartition(" ")
                if stack and count.isdigit():
                    counts[stack] += int(count)
        return counts


@contextlib.contextmanager
def sampling(pids, seconds, folder):
    """Samples every pid for `seconds`, while the block runs."""
    outputs = [Path(folder) / f"py-spy-{pid}.txt" for pid in pids]
    spies = [
        subprocess.Popen(
            [
                PY_SPY,
                "record",
                f"--pid={pid}",
                f"--duration={seconds}",
                f"--rate={RATE}",
                "--format=raw",
                f"--output={output}",
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid, output in zip(pids, outputs, strict=True)
    ]
    try:
        yield Samples(outputs)
    finally:
        for spy in spies:
            spy.wait(timeout=seconds + 30)


def bucket(stack):
    for name, markers in BUCKETS:
        if any(marker in stack for marker in markers):
            return name
    return OTHER if "django/core/handlers/" in stack else SERVER


def breakdown(stacks):
    """The share of busy samples in each bucket, largest first."""
    shares = collections.Counter()
    for stack, count in stacks.items():
        shares[bucket(stack)] += count
    total = sum(shares.values())
    if not total:
        return {}
    return {name: round(count / total, 3) for name, count in shares.most_common()}
