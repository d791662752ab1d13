"""Out of process: gunicorn serving the chapter, and plain HTTP requests to it.

The bench's gunicorn is not the production tests' (shared_tests/production/): it takes
the bench environment whole and waits for a 200, not for every worker's log line; the
port and the stop are shared (shared_tests/servers.py).
"""

import contextlib
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from shared_tests.servers import free_port, stop

from .calls import requests_for
from .errors import BenchError
from .sizes import PORTS, WORKERS
from .variants import BASELINE, Credentials

BOOT_TIMEOUT = 60  # seconds for gunicorn to answer


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
    """The chapter under gunicorn, until the block ends: (process, port)."""
    port = free_port(PORTS)
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
        stop(server)


def wait_until_serving(server, port, log):
    ping = requests_for(BASELINE, Credentials(), f"https://127.0.0.1:{port}")[0]
    deadline = time.monotonic() + BOOT_TIMEOUT
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


def check(port, variant, request):
    """One request must be answered 200: no redirect to HTTPS, no 401, no 403 for CSRF."""
    status, body = send(port, request)
    if status != 200:
        raise BenchError(f"{variant.name}: {request.method} {request.path} -> {status} {body!r}")
