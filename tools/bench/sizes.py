"""How big the bench is: workers, connections, rounds and how long each lasts.

In one place because the record (record.py) writes them beside the results: a number is
only comparable with another measured the same way.
"""

import os

PORTS = range(8100, 8200)  # the bench's share of the loopback ports
WORKERS = 2
CONNECTIONS = 4  # two requests waiting per worker: neither worker ever idles
ROUNDS = 3
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))  # per round: 6 s per measurement
WARMUP_SECONDS = 1
SHORT_SECONDS = 3  # Basic, once: a handful of requests a second is all there is to see
USERNAME = "bench"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
