"""Measures what one chapter's strategies cost. Run from the chapter folder, in its venv:

    python ../tools/bench/run.py 03_jwt ../.nox/bench-results/03_jwt.json

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
"""

import contextlib
import http.client
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django
import profiling
from variants import BASELINE, VARIANTS, WRITE_BODY

HERE = Path(__file__).resolve().parent
WRK_SCRIPT = HERE / "wrk.lua"
PORTS = range(8100, 8200)
WORKERS = 2
CONNECTIONS = 4  # two requests waiting per worker: neither worker ever idles
ROUNDS = 3
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))  # per round: 6 s per measurement
WARMUP_SECONDS = 1
SHORT_SECONDS = 3  # Basic, once: a handful of requests a second is all there is to see
USERNAME = "bench"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict
    body: str = ""


class BenchError(Exception):
    pass


def bench_env(folder):
    """Production mode behind a TLS proxy, throttles out of the way, a throwaway database."""
    unlimited = "1000000/second"
    return {
        "DJANGO_SETTINGS_MODULE": "bench_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "THROTTLE_ANON": unlimited,
        "THROTTLE_USER": unlimited,
        "THROTTLE_TEN": unlimited,
        "THROTTLE_LOGIN": unlimited,
        "BENCH_USERNAME": USERNAME,
        "PYTHONPATH": os.pathsep.join([str(HERE), os.getcwd()]),
    }


def requests_for(variant, credentials, origin):
    """The GET and the write of one variant, as a browser or an app would send them."""
    common = {"X-Forwarded-Proto": "https", **credentials.headers}
    get = Request("GET", variant.get_path, common)
    if variant.write_path is None:
        return get, None
    headers = {**common, "Content-Type": "application/json", "Origin": origin}
    if credentials.csrf_token:
        headers["X-CSRFToken"] = credentials.csrf_token
    return get, Request("PATCH", variant.write_path, headers, WRITE_BODY)


# --- In process: the database, logins and query counts -------------------------------------


def prepare_database(password):
    """Migrates the throwaway database and creates the one user every variant logs in as."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user(USERNAME, f"{USERNAME}@example.com", password)
    if "allauth.account" in settings.INSTALLED_APPS:
        # Chapter 05 lets nobody log in before their email address is verified.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def login(variant, password):
    """Logs in through the chapter's endpoints, as a client on 127.0.0.1 over HTTPS."""
    from django.db import connections
    from django.test import Client

    client = Client(headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    try:
        return variant.login(client, USERNAME, password)
    finally:
        connections.close_all()  # nothing of this process stays open while wrk runs


def count_queries(request):
    """The SQL one request runs, after a first one that warms it up.

    The first PATCH creates the profile, and the baseline loads its user once per
    process; neither happens again, so the second request is what every request costs.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"Host": "127.0.0.1"})
    for attempt in ("warm-up", "counted"):
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(
                request.method,
                request.path,
                request.body,
                content_type="application/json",
                headers=request.headers,
            )
        if response.status_code != 200:
            raise BenchError(f"{attempt} {request.method} {request.path}: {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def query_counts(variants, password):
    """Queries per request, per variant, and what each strategy adds to the baseline."""
    counted = {}
    for variant in variants:
        credentials = login(variant, password)
        pair = requests_for(variant, credentials, "https://127.0.0.1")
        for kind, request in zip(("get", "write"), pair, strict=True):
            if request is not None:
                counted[variant.name, kind] = count_queries(request)
    results = []
    for variant in variants:
        for kind in ("get", "write"):
            if (variant.name, kind) not in counted:
                continue
            sql = counted[variant.name, kind]
            added = len(sql) - len(counted[BASELINE.name, kind])
            results.append(
                {
                    "variant": variant.name,
                    "kind": kind,
                    "queries": len(sql),
                    "added": added,
                    "floor": variant.floor,
                    "within_floor": added <= variant.floor,
                    "sql": sql,
                }
            )
    return results


# --- Out of process: gunicorn and wrk ----------------------------------------------------


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise BenchError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def send(port, request):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(request.method, request.path, request.body or None, request.headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(env, folder):
    """The chapter under gunicorn, until the block ends."""
    port = free_port()
    log = Path(folder) / f"gunicorn-{port}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}",
        f"--error-logfile={log}",
        # gunicorn 27 opens a control socket at one path per user; another gunicorn on this
        # machine (a test, a second bench) would fight over it.
        "--no-control-socket",
    ]
    server = subprocess.Popen(command, env={**os.environ, **env})
    try:
        wait_until_serving(server, port, log)
        yield server, port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_serving(server, port, log):
    ping = Request("GET", BASELINE.get_path, {"X-Forwarded-Proto": "https"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        with contextlib.suppress(OSError):
            if send(port, ping)[0] == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer on port {port}:\n{log.read_text()}")


def worker_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


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


def check(port, variant, request):
    """One request must be answered 200: no redirect to HTTPS, no 401, no 403 for CSRF."""
    status, body = send(port, request)
    if status != 200:
        raise BenchError(f"{variant.name}: {request.method} {request.path} -> {status} {body!r}")


def cpu_seconds(pids):
    """User and system CPU the processes have used so far (Linux; None elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += int(fields[11]) + int(fields[12])  # utime, stime: man 5 proc
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time every process on the machine has used so far (Linux; None elsewhere)."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    times = os.times()
    return times.children_user + times.children_system


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


def load_rounds(server, port, plan):
    """Every variant of `plan` in turn, ROUNDS times over: {variant name: [wrk results]}.

    Taking turns in short runs, rather than one long run each, puts the baseline and the
    strategies side by side in time, so a burst of work elsewhere on the machine lands on
    all of them and not on whichever happened to be running.
    """
    for variant, request in plan:
        check(port, variant, request)
        if not variant.short:
            wrk(port, request, WARMUP_SECONDS)
    runs = {variant.name: [] for variant, _ in plan}
    for round_number in range(ROUNDS):
        for variant, request in plan:
            if variant.short and round_number:
                continue  # one run of SHORT_SECONDS is plenty
            seconds = SHORT_SECONDS if variant.short else SECONDS
            runs[variant.name].append(load(server, port, request, seconds))
    return runs


def profile(server, port, plan, folder):
    """{variant name: where the workers' time went}, from one more run of each, not counted.

    The sampler takes CPU too, so the rounds that give the rates are never sampled.
    """
    shares = {}
    for variant, request in plan:
        seconds = SHORT_SECONDS if variant.short else SECONDS
        with profiling.sampling(worker_pids(server), seconds, folder) as samples:
            wrk(port, request, seconds)
        shares[variant.name] = profiling.breakdown(samples.stacks())
    return shares


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summary(variant, kind, runs, baseline_runs):
    """One variant's rounds: the rate over all of them, the rounds' median percentiles."""

    def rate(some_runs):
        seconds = sum(run["duration_us"] for run in some_runs) / 1e6
        return sum(run["requests"] for run in some_runs) / seconds

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


def measure_server(env, folder, variants, password, conn_max_age, full):
    """Every variant's GET in rounds, then (if `full`) every variant's write, on one gunicorn.

    The server with the other DJANGO_CONN_MAX_AGE only answers the GETs: that is where
    the connection shows, and it keeps the whole bench within a few minutes.
    """
    results = []
    with gunicorn({**env, "DJANGO_CONN_MAX_AGE": str(conn_max_age)}, folder) as (server, port):
        origin = f"https://127.0.0.1:{port}"
        # Logged in once per server: that is well within a JWT access token's 5 minutes.
        requests = {v.name: requests_for(v, login(v, password), origin) for v in variants}
        for index, kind in enumerate(("get", "write") if full else ("get",)):
            plan = [(v, requests[v.name][index]) for v in variants if requests[v.name][index]]
            runs = load_rounds(server, port, plan)
            profiled = PROFILE and full and kind == "get"
            shares = profile(server, port, plan, folder) if profiled else {}
            for variant, _ in plan:
                result = summary(variant, kind, runs[variant.name], runs[BASELINE.name])
                result["conn_max_age"] = conn_max_age
                result["profile"] = shares.get(variant.name)
                results.append(result)
                print(
                    f"  CONN_MAX_AGE={conn_max_age:<3} {kind:<5} {variant.name:<20} "
                    f"{result['rps']:8.1f} rps  {result['ratio']:6.3f}x  "
                    f"(rounds {' '.join(f'{r:.2f}' for r in result['round_ratios'])})  "
                    f"p50 {result['p50_ms']:6.2f} ms  p99 {result['p99_ms']:7.2f} ms  "
                    f"CPU {result['cpu_ms_per_request'] or 0:.2f} ms/request  "
                    f"others {result['others_cores'] or 0:.2f} cores",
                    flush=True,
                )
    return results


# --- The record ----------------------------------------------------------------------------


# What a request runs through, where the chapter installs it.
PACKAGES = [
    "Django",
    "djangorestframework",
    "djangorestframework-simplejwt",
    "PyJWT",
    "djoser",
    "dj-rest-auth",
    "django-allauth",
    "gunicorn",
]


def versions():
    found = {"Python": platform.python_version()}
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    banner = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    found["wrk"] = banner.split()[1] if banner else "?"
    return found


def machine():
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count()}


def measure_chapter(chapter, folder):
    """Query counts, then both servers' rates: (default CONN_MAX_AGE, queries, results)."""
    variants = [BASELINE, *VARIANTS[chapter]]
    env = bench_env(folder)
    # This process runs the chapter too (migrations, logins, query counts), with the
    # settings' own DJANGO_CONN_MAX_AGE and the local-memory cache.
    for name in ("DJANGO_CONN_MAX_AGE", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path[:0] = [str(HERE), os.getcwd()]
    django.setup()
    from django.conf import settings

    default_age = settings.DATABASES["default"]["CONN_MAX_AGE"]
    password = secrets.token_urlsafe(16)
    prepare_database(password)
    queries = query_counts(variants, password)
    for entry in queries:
        if not entry["within_floor"]:
            print(
                f"  OVER THE FLOOR: {entry['variant']} {entry['kind']} adds "
                f"{entry['added']} queries (floor {entry['floor']})",
                flush=True,
            )
    results = measure_server(env, folder, variants, password, default_age, full=True)
    other_age = 0 if default_age else 60
    results += measure_server(env, folder, variants, password, other_age, full=False)
    return default_age, queries, results


def main():
    chapter, output = sys.argv[1], Path(sys.argv[2])
    started = time.time()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix=f"bench-{chapter}-") as folder:
        default_age, queries, results = measure_chapter(chapter, folder)
    record = {
        "chapter": chapter,
        "started": started,
        "elapsed_s": time.time() - started,
        "load_before": load_before,
        "machine": machine(),
        "versions": versions(),
        "settings": {
            "default_conn_max_age": default_age,
            "workers": WORKERS,
            "connections": CONNECTIONS,
            "rounds": ROUNDS,
            "seconds": SECONDS,
            "warmup_seconds": WARMUP_SECONDS,
            "short_seconds": SHORT_SECONDS,
            "profile": PROFILE,
        },
        "variants": [
            {"name": v.name, "floor": v.floor, "target": v.target, "short": v.short}
            for v in [BASELINE, *VARIANTS[chapter]]
        ],
        "queries": queries,
        "results": results,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(record, indent=2) + "\n")
    print(f"  wrote {output} in {record['elapsed_s']:.0f} s", flush=True)


if __name__ == "__main__":
    main()
