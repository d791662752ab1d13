"""Measures what one chapter's strategies cost. Run from the chapter folder, in its venv:

    PYTHONPATH=.. python -m tools.bench 03_jwt ../.nox/bench-results/03_jwt.json

1. A migrated SQLite database in a temporary folder, with one bench user.
2. Queries: each strategy logs in through the chapter's endpoints, then one GET of
   /api/secret/ and one PATCH of /api/customers/me/ run in this process under Django's
   CaptureQueriesContext. What a strategy adds to the baseline's queries is held to its
   floor (variants.py).
3. Rates: gunicorn (2 sync workers) serves the chapter in production mode, with
   DJANGO_TLS_PROXY=1 standing for the HTTPS proxy in front, and wrk loads it from its own
   process over loopback: the baseline (authentication off) and each strategy take turns,
   with the same headers but for the credentials. Once with the settings' default
   DJANGO_CONN_MAX_AGE and once with the other choice (persistent connections or not).

BENCH_SECONDS (default 2) is the length of one round; each measurement is 3 rounds after
a 1 s warm-up. BENCH_PROFILE=1 then samples the workers with py-spy during one more run
of each GET, which counts for nothing else.

One module per part: sizes.py (how long, how many), environment.py (this process becomes
the chapter), calls.py (the requests each variant sends), queries.py (counted in process),
server.py (gunicorn), load.py (wrk in rounds), cpu.py (/proc), stats.py (a variant's
summary), record.py (the JSON written), measure.py (the steps in order).
"""
