"""How big the bench is: workers, connections, rounds and how long each lasts.

In one place because the record (record.py) writes them beside the results: a number is
only comparable with another measured the same way.

How long, with the defaults: per chapter, the first server loads each GET (baseline,
strategies, their stock peers, stateless JWT and its peer) and each write for ROUNDS x
SECONDS = 6 s; the other server the baseline's GET and the first strategy's for
OTHER_ROUNDS x SECONDS = 4 s; Basic once per endpoint and server for SHORT_SECONDS. Over
the 7 chapters that is 29 GETs and 17 writes (276 s), 14 GETs on the other server (56 s)
and Basic (6 s): about 5.6 min of wrk, and some 80 s of setting up (virtualenvs,
migrations, logins, gunicorn), so about 7 min. BENCH_PROFILE=1 adds one SECONDS run per
GET of ours (20 x 2 s; the stock peers are not sampled) and py-spy's start: under a
minute more.
"""

import os

PORTS = range(8100, 8200)  # the bench's share of the loopback ports
WORKERS = 2
CONNECTIONS = 4  # two requests waiting per worker: neither worker ever idles
ROUNDS = 3
OTHER_ROUNDS = 2  # on the other server (measure.py), whose table shows no rounds
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))  # per round: 6 s per measurement
# Before its rounds, each variant's first requests, one at a time: the imports, caches and
# kept database connection its code path needs, in both workers, in a fraction of a second.
WARMUP_REQUESTS = 50
SHORT_SECONDS = 3  # Basic, once: a handful of requests a second is all there is to see
USERNAME = "bench"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
