"""One variant's rounds summed up: its rate, its ratio to the baseline, its percentiles.

Pure arithmetic on wrk's results (load.py), so it can be read, and tested, on its own.
"""


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def rate(runs):
    """Requests a second over the runs together."""
    seconds = sum(run["duration_us"] for run in runs) / 1e6
    return sum(run["requests"] for run in runs) / seconds


def cpu_us_per_request(run):
    """The workers' CPU time per request in one run, in µs (None without /proc)."""
    cpu = run["worker_cpu_s"]
    return None if cpu is None or not run["requests"] else cpu / run["requests"] * 1e6


def added_cpu_us(runs, baseline_runs):
    """What the strategy adds to the baseline's CPU per request, in µs: the median of the
    rounds, each against the baseline's run next to it (as the round ratios are).

    CPU time, unlike a rate, hardly depends on how fast the machine is, and the median
    leaves out the one round that a burst of other work landed on."""
    pairs = [
        (cpu_us_per_request(run), cpu_us_per_request(base))
        for run, base in zip(runs, baseline_runs, strict=False)
    ]
    if not pairs or any(None in pair for pair in pairs):
        return None
    return median(ours - base for ours, base in pairs)


def summary(variant, kind, runs, baseline_runs):
    """One variant's rounds: the rate over all of them, the rounds' median percentiles."""
    requests = sum(run["requests"] for run in runs)
    duration = sum(run["duration_us"] for run in runs) / 1e6
    # Each round's ratio against the baseline's run next to it: their spread is the noise.
    round_ratios = [
        rate([run]) / rate([base]) for run, base in zip(runs, baseline_runs, strict=False)
    ]
    cpu = [run["worker_cpu_s"] for run in runs]
    others = [run["others_cpu_s"] for run in runs]
    return {
        "variant": variant.name,
        "kind": kind,
        # What one request costs the workers, whatever else the machine is doing.
        "cpu_ms_per_request": None if None in cpu else sum(cpu) / requests * 1000,
        # The same, less the baseline's: the strategy's own cost, whatever the machine's speed.
        "added_cpu_us": added_cpu_us(runs, baseline_runs),
        # Cores' worth of CPU that other processes used meanwhile: 0 on a quiet machine.
        "others_cores": None if None in others else sum(others) / duration,
        "others_cores_max": None
        if None in others
        else max(run["others_cpu_s"] / (run["duration_us"] / 1e6) for run in runs),
        "rounds": len(runs),
        "seconds": duration,
        "requests": requests,
        "rps": requests / duration,
        "ratio": rate(runs) / rate(baseline_runs),
        "round_ratios": round_ratios,
        "p50_ms": median(run["p50_us"] for run in runs) / 1000,
        "p90_ms": median(run["p90_us"] for run in runs) / 1000,
        "p99_ms": median(run["p99_us"] for run in runs) / 1000,
        "max_ms": max(run["max_us"] for run in runs) / 1000,
    }
