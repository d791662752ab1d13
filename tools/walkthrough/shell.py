"""The student's second terminal: one bash process for the whole walkthrough.

One process, so that variables and functions a README defines carry over from command
to command. Each command's end is found by a marker it prints after itself, with its
exit status.
"""

import os
import re
import secrets
import select
import signal
import subprocess
import sys
import time

STEP_TIMEOUT = 60  # seconds for one command


class Shell:
    """Bash, fed one command at a time on its standard input."""

    def __init__(self, cwd, env):
        self.marker = f"__walkthrough_{secrets.token_hex(8)}__"
        self.process = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # a terminal shows both
            start_new_session=True,  # its own process group, to stop a command that hangs
        )

    def run(self, command):
        """Runs one command line; answers what it printed and its exit status."""
        # An unclosed quote would make bash wait for more input: reject it up front.
        syntax = subprocess.run(["bash", "-n", "-c", command], capture_output=True, text=True)
        if syntax.returncode:
            return syntax.stderr, syntax.returncode
        # Braces, not a subshell, so assignments stay; no stdin, so nothing eats the script.
        script = f"{{ {command}\n}} </dev/null\nprintf '\\n{self.marker} %d\\n' $?\n"
        self.process.stdin.write(script.encode())
        self.process.stdin.flush()
        answer = self.read_until(re.compile(rf"\n{self.marker} (\d+)\n".encode()))
        if answer is None:
            raise SystemExit(f"No answer in {STEP_TIMEOUT} seconds from: $ {command}")
        output, status = answer
        return output.decode(errors="replace"), status

    def read_until(self, end):
        """The shell's output up to the end marker, and the status the marker carries."""
        buffer, deadline = b"", time.monotonic() + STEP_TIMEOUT
        fd = self.process.stdout.fileno()
        while (match := end.search(buffer)) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise SystemExit("The shell exited.")
            buffer += chunk
        return buffer[: match.start()], int(match[1])

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:  # still inside a command that hangs
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def student_folder(tmp, root, chapter):
    """A folder like the chapter's, where commands that write files may write them.

    It holds the chapter's `manage.py` (linked) and, one level up, `.nox/serve` (a link to
    this virtualenv), so `../.nox/serve/bin/python manage.py ...` works as in the README.
    """
    folder = tmp / chapter
    folder.mkdir()
    (folder / "manage.py").symlink_to(root / chapter / "manage.py")
    (tmp / ".nox").mkdir()
    (tmp / ".nox" / "serve").symlink_to(sys.prefix, target_is_directory=True)
    return folder
