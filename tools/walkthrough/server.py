"""The chapter's dev server, run as `nox -s serve` runs it, on a throwaway database.

It is restarted at every `###` section and after every wait (see __init__.py), on the
same database; after a wait its clocks run ahead (clock.py).
"""

import subprocess
import sys
import time
from pathlib import Path

from shared_tests.servers import port_open, stop

from .printed import Printed

PORT = 8000  # the README's curl commands name it
START_TIMEOUT = 30  # seconds for the server to open its port
CLOCK = Path(__file__).with_name("clock.py")


class Server:
    """One dev server process at a time, whose standard output collects the emails."""

    def __init__(self, chapter_folder, tmp, env):
        self.chapter, self.env, self.process = chapter_folder, env, None
        self.out, self.err = tmp / "server.out", tmp / "server.err"
        self.printed = Printed(self.out)
        self.ahead = 0  # seconds the server's clocks run ahead: the waits so far

    def manage(self, *args):
        """Runs manage.py as `serve` does; the output is shown only when it fails."""
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(command, cwd=self.chapter, env=self.env, capture_output=True)
        if done.returncode:
            sys.stdout.write(done.stdout.decode() + done.stderr.decode())
            raise SystemExit(f"manage.py {' '.join(args)} failed")

    def prepare(self):
        self.manage("migrate", "--no-input")
        self.manage("load_demo_data")

    def start(self):
        if port_open(PORT):
            raise SystemExit(f"127.0.0.1:{PORT} is in use: stop the server there first.")
        # --noreload: one process, whose output is this server's, and one to stop.
        command = ["manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"]
        if self.ahead:
            command = [str(CLOCK), str(self.ahead), *command]
        with self.out.open("ab") as out, self.err.open("ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, *command], cwd=self.chapter, env=self.env, stdout=out, stderr=err
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not port_open(PORT):
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.stdout.write(self.err.read_text()[-3000:])
                raise SystemExit("The dev server did not start.")
            time.sleep(0.05)  # the one wait: for the port to open

    def stop(self):
        if self.process:
            stop(self.process, timeout=10)
        self.process = None

    def restart(self, wait=0):
        """A new process on the same database: its throttles start from zero.

        After a wait, its clocks run that much further ahead: tokens have aged.
        """
        self.ahead += wait
        self.stop()
        self.start()
