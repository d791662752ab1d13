"""Servers started on loopback by the suite and the tools: a free port, a graceful stop.

shared_tests/production/ starts gunicorn per test, tools/bench/ starts gunicorn for wrk,
and tools/walkthrough/ starts the dev server; all of them need the same two things. They
live here once, outside every chapter, so no chapter carries code it does not run, and
with nothing but the standard library, so a tool that runs in a chapter's own virtualenv
(without the test requirements) can import it too.
"""

import socket
import subprocess
import time

HOST = "127.0.0.1"


def free_port(ports):
    """The first port of `ports` that nothing listens on.

    The probe sets SO_REUSEADDR, as gunicorn and runserver do, so a port that a stopped
    server left in TIME_WAIT counts as free: the next server can bind it.
    """
    for port in ports:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {HOST}:{ports.start}-{ports.stop - 1}")


def port_open(port, timeout=0.5):
    """Whether something accepts connections on the port."""
    try:
        socket.create_connection((HOST, port), timeout=timeout).close()
    except OSError:
        return False
    return True


def stop(process, timeout=30):
    """Asks the process to end (SIGTERM), and kills it if it has not within `timeout` s.

    SIGTERM first: gunicorn's master then stops its workers, which a kill would orphan.
    """
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(process, log, port, timeout):
    """Waits until the process accepts connections on `port`; raises, with its log, if it
    exits or `timeout` seconds pass first."""
    _wait(process, log, timeout, lambda: port_open(port))


def wait_for_log(process, log, line, count, timeout):
    """Waits until the process's log holds `line` `count` times (gunicorn's workers are
    ready only when each has said so); raises, with the log, if it exits or times out."""
    _wait(process, log, timeout, lambda: log.read_text().count(line) >= count)


def _wait(process, log, timeout, ready):
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server was not ready after {timeout} s:\n{log.read_text()}")
        time.sleep(0.05)
