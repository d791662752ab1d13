"""Runs the chapter in a fresh process, for settings that are fixed at import time, and
starts its servers: the threaded one the SQLite races run against, the HTTP runs' (see
transport/served.py) and the production tests' gunicorns.

On Linux the processes are forked from one that has Django imported already
(`fork_server.py`): each is as fresh as a new `python`, for a fifth of the start-up cost.
Elsewhere each is a new `python` (Windows cannot fork; macOS's system libraries may not
survive a fork).
"""

import atexit
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings

# What production mode needs: debug off and a real secret key (see api/base_settings.py).
PRODUCTION_ENV = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}


def clean_environment():
    """This process's environment without the variables that configure Django."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}


class ForkServer:
    """The one `fork_server.py` process of this pytest process, started when first used."""

    def __init__(self):
        self.process = None
        self.lock = threading.Lock()

    def ask(self, request):
        """Sends one request (see fork_server.py) and answers its answer."""
        with self.lock:
            if self.process is None:
                self.process = subprocess.Popen(
                    [sys.executable, str(Path(__file__).with_name("fork_server.py"))],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=clean_environment(),
                    cwd=settings.BASE_DIR,
                    text=True,
                )
                atexit.register(self.stop)
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"fork_server.py stopped with {self.process.wait()}")
        return json.loads(line)

    def run(self, args, env, cwd):
        answer = self.ask({"args": list(args), "env": env, "cwd": str(cwd)})
        return subprocess.CompletedProcess(
            [sys.executable, *args], answer["returncode"], answer["stdout"], answer["stderr"]
        )

    def start(self, args, env, cwd, log):
        answer = self.ask({"args": list(args), "env": env, "cwd": str(cwd), "log": str(log)})
        return Forked(self, answer["pid"])

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


class Forked:
    """A process `ForkServer.start` began: the part of `subprocess.Popen` servers.py uses.

    It is the fork server's child, not ours, so the fork server is asked whether it ended.
    """

    def __init__(self, fork_server, pid):
        self.fork_server = fork_server
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            self.returncode = self.fork_server.ask({"ended": self.pid})["returncode"]
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def terminate(self):
        self._signal(signal.SIGTERM)

    def kill(self):
        self._signal(signal.SIGKILL)

    def _signal(self, number):
        if self.returncode is None:  # not yet reaped: the pid still names this process
            os.kill(self.pid, number)


_fork_server = ForkServer()


FORKS = sys.platform.startswith("linux")


def run_in_chapter(*args, **env):
    """Runs `python *args` in the chapter folder with a clean Django environment plus `env`."""
    environment = {**clean_environment(), **env}
    if FORKS:
        return _fork_server.run(args, environment, settings.BASE_DIR)
    return subprocess.run(
        [sys.executable, *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def start_in_chapter(args, env, log):
    """Starts `python *args` in the chapter folder with exactly `env`, its output going to
    the file `log`; answers the process (a `subprocess.Popen`, or what servers.py needs of
    one). Forked where `run_in_chapter` forks: a server is up in a fraction of the time."""
    if FORKS:
        return _fork_server.start(args, env, settings.BASE_DIR, log)
    with open(log, "w") as output:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def settings_values(names, **env):
    """The settings `names` in a fresh process, as text: {name: str(value)}.

    One process for all of them: each start costs the time it takes to set Django up.
    """
    code = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({name: str(getattr(settings, name)) for name in sys.argv[1:]}))"
    )
    result = run_in_chapter("-c", code, *names, DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def settings_value(name, **env):
    """One setting in a fresh process, as text."""
    return settings_values([name], **env)[name]
