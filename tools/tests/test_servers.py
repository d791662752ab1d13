"""shared_tests/servers.py: the port and the stop every started server shares."""

import signal
import socket
import subprocess
import sys

from shared_tests.servers import free_port, port_open, stop

PORTS = range(8370, 8372)  # this test's share of the loopback ports

IGNORES_SIGTERM = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('ready', flush=True); time.sleep(60)"
)


def test_a_port_something_listens_on_is_not_free():
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", PORTS[0]))
        busy.listen()
        assert free_port(PORTS) == PORTS[1]


def test_a_listening_port_is_open():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert port_open(server.getsockname()[1])


def test_stop_ends_a_process_with_sigterm():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    stop(process)
    assert process.returncode == -signal.SIGTERM


def test_stop_kills_a_process_that_ignores_sigterm():
    process = subprocess.Popen([sys.executable, "-c", IGNORES_SIGTERM], stdout=subprocess.PIPE)
    assert process.stdout.readline() == b"ready\n", "the child ignores SIGTERM from here on"
    stop(process, timeout=0.5)
    assert process.returncode == -signal.SIGKILL
