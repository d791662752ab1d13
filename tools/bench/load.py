"""wrk against gunicorn: one run, one run with its CPU accounted, rounds, and profiles.

wrk runs in its own process over loopback, with wrk.lua sending one variant's request
and printing its numbers as JSON; the CPU around each run comes from cpu.py.
"""

import json
import os
import subprocess
import time
from pathlib import Path

from . import profiling
from .cpu import children_cpu_seconds, cpu_seconds, machine_busy_seconds
from .errors import BenchError
from .server import check, worker_pids
from .sizes import CONNECTIONS, ROUNDS, SECONDS, SHORT_SECONDS, WARMUP_REQUESTS

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
# After a slow variant (Basic: ~0.2 s of PBKDF2 a request), how long its last requests may
# still run in the workers once wrk stops: the next variant must not pay for them.
SETTLE_SECONDS = 1


def wrk(port, request, seconds):
    """One wrk run: rate and latency percentiles, from wrk.lua's `done()`."""
    env = {
        **os.environ,
        "BENCH_METHOD": request.method,
        "BENCH_BODY": request.body,
        "BENCH_HEADERS": "\n".join(f"{name}: {value}" for name, value in request.headers.items()),
    }
    command = [
        "wrk",
        "--threads=1",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={WRK_SCRIPT}",
        f"http://127.0.0.1:{port}{request.path}",
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    if any(result["errors"].values()):
        raise BenchError(f"wrk {request.method} {request.path}: errors {result['errors']}")
    return result


def load(server, port, request, seconds):
    """One wrk run, the CPU the workers spent serving it, and what the rest of the machine used.

    "Others" is every CPU second that neither the workers nor wrk spent: other people's
    work on a shared machine, which the rates of that run then lack.
    """
    pids = worker_pids(server)
    before = cpu_seconds(pids), machine_busy_seconds(), children_cpu_seconds()
    result = wrk(port, request, seconds)
    after = cpu_seconds(pids), machine_busy_seconds(), children_cpu_seconds()
    if None in before or None in after:
        result["worker_cpu_s"] = result["others_cpu_s"] = None
        return result
    workers, busy, wrk_cpu = (end - start for start, end in zip(before, after, strict=True))
    result["worker_cpu_s"] = workers
    result["others_cpu_s"] = max(0.0, busy - workers - wrk_cpu)
    return result


def load_rounds(server, port, plan, rounds=ROUNDS):
    """Every variant of `plan` in turn, `rounds` times over: {variant name: [wrk results]}.

    Taking turns in short runs, rather than one long run each, puts the baseline and the
    strategies side by side in time, so a burst of work elsewhere on the machine lands on
    all of them and not on whichever happened to be running.
    """
    for variant, request in plan:
        # Each answer checked: a 401 or a redirect would otherwise be measured as a rate.
        for _ in range(1 if variant.short else WARMUP_REQUESTS):
            check(port, variant, request)
    runs = {variant.name: [] for variant, _ in plan}
    for round_number in range(rounds):
        for variant, request in plan:
            if variant.short and round_number:
                continue  # one run of SHORT_SECONDS is plenty
            seconds = SHORT_SECONDS if variant.short else SECONDS
            runs[variant.name].append(load(server, port, request, seconds))
            settle(variant)
    return runs


def settle(variant):
    """Lets a slow variant's requests in flight finish before the next run starts."""
    if variant.short:
        time.sleep(SETTLE_SECONDS)


def profile(server, port, plan, folder):
    """{variant name: where the workers' time went}, from one more run of each, not counted.

    The sampler takes CPU too, so the rounds that give the rates are never sampled.
    """
    shares = {}
    for variant, request in plan:
        seconds = SHORT_SECONDS if variant.short else SECONDS
        with profiling.sampling(worker_pids(server), seconds, folder) as samples:
            wrk(port, request, seconds)
        settle(variant)  # before the next variant's samples start
        shares[variant.name] = profiling.breakdown(samples.stacks())
    return shares
