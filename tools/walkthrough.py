"""Replays a chapter README's walkthrough against a live dev server and checks every output.

    python tools/walkthrough.py 04_djoser              # nox -s walkthrough -- 04_djoser
    python tools/walkthrough.py 04_djoser --verbose    # ... and print what each command printed

A README's `## Walkthrough` is a script that a student types into a second terminal while
`nox -s serve` runs in the first. This tool plays that student. It serves the chapter as
`serve` does, on 127.0.0.1:8000, but on a fresh database in a temporary folder, and runs
every `$ ` line of the ```console blocks in order, in one bash shell, from a folder laid out
like the chapter's. Each output is compared with the one recorded under it. A plain ```
block is something the server printed in its own terminal (an email): it is looked for in
the server's output.

Some values differ on every run. Dates, expiry times and `Retry-After` seconds are masked.
Keys, tokens and CSRF values are masked but remembered: from then on the recorded value
stands for the real one. A later command that contains a recorded value (a uid and token
copied out of an email, a key copied out of an answer) runs with the real value instead,
as it would for a student who copied their own. A recorded value stands for one real value
only, so where the README shows the same key twice, the server must answer the same key.

Throttles live in the server's memory. A student reads between sections and so waits far
longer than the minute a throttle counts, so the server is restarted (same database) at
every `###` section: what waiting would do, without the wait. Within a section, nothing is
reset: a section that a student cannot follow without a 429 fails here too. Where the text
tells the student to wait longer (for a token to expire), an HTML comment that GitHub does
not show says for how long, `<!-- walkthrough: wait 300 -->`, and the server is restarted
with its clocks that much ahead.

It needs only the standard library, bash and curl, and runs in the chapter's virtualenv.
"""

import argparse
import base64
import binascii
import difflib
import json
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8000
START_TIMEOUT = 30  # seconds for the server to open its port
STEP_TIMEOUT = 60  # seconds for one command

# Configuration that would make the server answer otherwise than the README describes
# (other rates, a shared cache, another mail backend). The walkthrough runs on defaults.
SERVER_SETTINGS = re.compile(r"(DJANGO_\w+|THROTTLE_\w+|REDIS_URL|DATABASE_URL|JWT_SIGNING_KEY)$")

# The line Django's console email backend prints after each message.
MAIL_END = "-" * 79

ALLOW = re.compile(r"^Allow: (.*)$", re.M)

# `<!-- walkthrough: wait 300 -->` before a step: the student waits that many seconds first.
WAIT = re.compile(r"<!-- walkthrough: wait (\d+) -->")

# `python -c LATER <seconds> manage.py ...`: manage.py in a process whose clocks (time.time,
# datetime.now) run that far ahead, for the steps the README makes the student wait for.
LATER = """
import datetime, functools, runpy, sys, time

offset = float(sys.argv.pop(1))
real_time, real_datetime = time.time, datetime.datetime
# A partial, like the builtin, is not bound as a method: DRF keeps time.time on a class.
time.time = functools.partial(lambda: real_time() + offset)


class Clock(type):
    # Dates read from the database are real datetimes: they still pass isinstance().
    def __instancecheck__(cls, obj):
        return isinstance(obj, real_datetime)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, real_datetime)


class Later(real_datetime, metaclass=Clock):
    __slots__ = ()  # the size of the C type, which compiled extensions check

    @classmethod
    def now(cls, tz=None):
        return real_datetime.now(tz) + datetime.timedelta(seconds=offset)


Later.__module__, Later.__name__, Later.__qualname__ = "datetime", "datetime", "datetime"
datetime.datetime = Later
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass(frozen=True)
class Volatile:
    """A value that differs on every run. A `kept` one may be copied into later commands."""

    name: str
    pattern: str  # no capturing groups of its own
    kept: bool


VOLATILES = [
    # HTTP dates (the Date header, cookie expiry), but not the 1970 that deletes a cookie.
    Volatile(
        "date",
        r"(?!Thu, 01 Jan 1970)[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT",
        kept=False,
    ),
    Volatile("timestamp", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z", kept=False),
    # A JWT's `exp` and `iat` claims (compact or json.dumps spacing), a cookie jar's expiry.
    Volatile(
        "epoch",
        r'(?:(?<="exp":)|(?<="exp": )|(?<="iat":)|(?<="iat": )|(?<=\tFALSE\t))\d{10}(?!\d)',
        kept=False,
    ),
    Volatile("server", r"(?<=Server: )WSGIServer/[\d.]+ CPython/[\d.]+", kept=False),
    # How long a throttle still holds: one second more or less is timing, not behaviour.
    Volatile(
        "seconds",
        r"(?<=Retry-After: )\d+|(?<=Expected available in )\d+(?= seconds?\.)",
        kept=False,
    ),
    Volatile("jwt", r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+", kept=True),
    # Django's token generator (activation and reset links): base-36 time, dash, 32 hex.
    Volatile("link_token", r"(?<![\w-])[0-9a-z]{1,13}-[0-9a-f]{32}(?![\w-])", kept=True),
    # allauth's email confirmation key: a signed value, `value:time:signature`.
    Volatile("confirm_key", r"(?<![\w:-])[\w-]+:[0-9A-Za-z]+:[\w-]{43}(?![\w-])", kept=True),
    Volatile("token_key", r"(?<![\w-])[0-9a-f]{40}(?![\w-])", kept=True),  # DRF's authtoken
    Volatile("jti", r"(?<![\w-])[0-9a-f]{32}(?![\w-])", kept=True),
    Volatile(
        "csrf", r"(?<=csrftoken=)[0-9A-Za-z]{32}|(?<=\tcsrftoken\t)[0-9A-Za-z]{32}", kept=True
    ),
]
KEPT = {volatile.name for volatile in VOLATILES if volatile.kept}
VOLATILE = re.compile("|".join(f"(?P<{v.name}>{v.pattern})" for v in VOLATILES))
PATTERNS = {volatile.name: volatile.pattern for volatile in VOLATILES}


@dataclass
class Step:
    section: str  # the `###` heading it sits under
    line: int  # where it starts in README.md, for the report
    command: str | None  # None: a block the server printed, not a command
    expected: str
    wait: int = 0  # seconds the student waits before it


# Reading the README


def walkthrough_lines(text):
    """The `## Walkthrough` section, as (line number, line) pairs."""
    lines = text.splitlines()
    try:
        start = lines.index("## Walkthrough")
    except ValueError:
        return []
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    return list(enumerate(lines[start:end], start + 1))


def parse_steps(text):
    """The walkthrough's steps, in order: one per `$ ` command, one per plain block."""
    steps, section, fence, block, wait = [], "Walkthrough", None, [], 0
    for number, line in walkthrough_lines(text):
        if fence is None and line.startswith("### "):
            section = line[4:].strip()
        elif fence is None and WAIT.fullmatch(line.strip()):
            wait += int(WAIT.fullmatch(line.strip())[1])
        elif fence is None and line.startswith("```"):
            fence, block = line[3:].strip(), []
        elif fence is not None and line.startswith("```"):
            new = block_steps(fence, block, section)
            if new:
                new[0].wait, wait = wait, 0
            steps += new
            fence = None
        elif fence is not None:
            block.append((number, line))
    return steps


def block_steps(language, block, section):
    """A ```console block is `$ command` lines, each followed by its output."""
    if language == "":
        text = "\n".join(line for _, line in block)
        return [Step(section, block[0][0], None, text)] if block else []
    if language != "console":
        return []  # a diagram or a file's content: nothing to run
    steps = []
    for number, line in block:
        if line.startswith("$ "):
            steps.append(Step(section, number, line[2:], ""))
        elif steps and steps[-1].command.endswith("\\") and not steps[-1].expected:
            steps[-1].command += "\n" + line  # a command continued on the next line
        elif steps:
            steps[-1].expected += ("\n" if steps[-1].expected else "") + line
        else:
            raise SystemExit(f"README.md:{number}: output before any `$ ` command")
    return steps


# Comparing outputs


def normalise(text):
    """What a terminal shows: no carriage returns, trailing blanks or final newlines."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def unordered(text):
    """The text with each `Allow:` header's methods sorted.

    DRF's `@api_view` keeps the methods in a set, so their order changes with the server
    process's hash seed. The order means nothing (RFC 9110); the methods do.
    """
    return ALLOW.sub(lambda match: "Allow: " + ", ".join(sorted(match[1].split(", "))), text)


def mask(text):
    """The text with every volatile value replaced by its kind, for a readable diff."""
    return VOLATILE.sub(lambda match: f"<{match.lastgroup}>", text)


def recorded_pattern(text):
    """A regex for recorded text: the text itself, with a group for each volatile value.

    Answers the pattern's source and the (kind, recorded value) of each group, in order.
    """
    source, recorded, position = [], [], 0
    for match in VOLATILE.finditer(text):
        source += [re.escape(text[position : match.start()]), f"({PATTERNS[match.lastgroup]})"]
        recorded.append((match.lastgroup, match.group()))
        position = match.end()
    source.append(re.escape(text[position:]))
    return "".join(source), recorded


class Copies:
    """The real value behind each recorded key or token, as a student would copy it."""

    def __init__(self):
        self.real = {}  # recorded -> real
        self.recorded = {}  # real -> recorded

    def learn(self, recorded, actual):
        """Pairs recorded values with this run's; answers pairs that contradict earlier ones."""
        problems = []
        for (kind, old), new in zip(recorded, actual, strict=True):
            if kind not in KEPT:
                continue
            if self.real.setdefault(old, new) != new:
                problems.append(f"{old} stood for {self.real[old]} before, now for {new}")
            if self.recorded.setdefault(new, old) != old:
                problems.append(f"{new} is recorded both as {self.recorded[new]} and as {old}")
        return problems

    def apply(self, command):
        """The command with each recorded value a student would have copied replaced."""
        copied = sorted((old for old, new in self.real.items() if old != new), key=len)
        if not copied:
            return command
        words = "|".join(re.escape(old) for old in reversed(copied))
        return re.sub(rf"(?<![\w-])(?:{words})(?![\w-])", lambda m: self.real[m[0]], command)


def claims(token):
    """What a JWT says, but for when it was made and its id; None if it is not one."""
    try:
        header, payload = (
            json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
            for part in token.split(".")[:2]
        )
        lifetime = payload["exp"] - payload["iat"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    said = {key: value for key, value in payload.items() if key not in {"exp", "iat", "jti"}}
    return {"header": header, "claims": said, "lifetime": lifetime}


def same_kind_of_token(old, new):
    """Same header and claims, and the same lifetime to the second.

    SimpleJWT dates an access token's `exp` from when the refresh token was made and its
    `iat` from its own making, so a second can tick over in between: 299 is 300.
    """
    old, new = claims(old), claims(new)
    if old is None or new is None:
        return old == new
    return old.pop("lifetime") - new.pop("lifetime") in {-1, 0, 1} and old == new


def check_captured(recorded, actual, copies):
    """Problems with the real values behind an output's recorded volatile ones.

    A JWT is masked, but what it says is not: the same user, type and lifetime.
    """
    problems = [
        f"The token says {claims(new)}; the README's says {claims(old)}."
        for (kind, old), new in zip(recorded, actual, strict=True)
        if kind == "jwt" and not same_kind_of_token(old, new)
    ]
    return problems + copies.learn(recorded, actual)


def compare(expected, actual, copies):
    """Problems with an output: a diff when it differs, or a contradicted copy."""
    expected, actual = unordered(expected), unordered(actual)
    source, recorded = recorded_pattern(expected)
    match = re.fullmatch(source, actual)
    if match is None:
        return [diff(expected, actual)]
    return check_captured(recorded, match.groups(), copies)


def diff(expected, actual):
    """A unified diff of the two outputs, masked, or both in full when masking hides it."""
    expected_lines, actual_lines = mask(expected).splitlines(), mask(actual).splitlines()
    if expected_lines == actual_lines:  # a volatile value in an unexpected shape
        expected_lines, actual_lines = expected.splitlines(), actual.splitlines()
    lines = difflib.unified_diff(expected_lines, actual_lines, "README", "actual", lineterm="")
    return "\n".join(lines)


def server_printed_pattern(block):
    """A regex for a block the server printed, where a `...` line stands for any lines.

    The lines around a `...` must come from the same email, so the gap never crosses the
    line that ends one.
    """
    parts = re.split(r"^\.\.\.$", block, flags=re.M)
    sources, recorded = [], []
    for part in parts:
        source, part_recorded = recorded_pattern(part.strip("\n"))
        sources.append(source)
        recorded += part_recorded
    gap = rf"(?:\n(?!{MAIL_END}$).*)*?\n"
    return "(?m)^" + gap.join(sources) + "$", recorded


# The server and the shell


def port_open():
    try:
        socket.create_connection((HOST, PORT), timeout=0.5).close()
    except OSError:
        return False
    return True


class Server:
    """The chapter's dev server, run as `nox -s serve` runs it, on a throwaway database.

    Its standard output, where the console backend prints emails, goes to a file that is
    read when the README shows an email. The server writes a mail before it answers, so by
    the time curl has its answer, the mail is in the file.
    """

    def __init__(self, chapter, tmp, env):
        self.chapter, self.env, self.process = ROOT / chapter, env, None
        self.out, self.err = tmp / "server.out", tmp / "server.err"
        self.seen = 0  # how much of server.out earlier blocks have matched
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
        if port_open():
            raise SystemExit(f"{HOST}:{PORT} is in use: stop the server there first.")
        # --noreload: one process, whose output is this server's, and one to stop.
        command = ["manage.py", "runserver", "--noreload", f"{HOST}:{PORT}"]
        if self.ahead:
            command = ["-c", LATER, str(self.ahead), *command]
        command = [sys.executable, *command]
        with self.out.open("ab") as out, self.err.open("ab") as err:
            self.process = subprocess.Popen(
                command, cwd=self.chapter, env=self.env, stdout=out, stderr=err
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not port_open():
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.stdout.write(self.err.read_text()[-3000:])
                raise SystemExit("The dev server did not start.")
            time.sleep(0.05)  # the one wait: for the port to open

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self, wait=0):
        """A new process on the same database: its throttles start from zero.

        After a wait, its clocks run that much further ahead: tokens have aged.
        """
        self.ahead += wait
        self.stop()
        self.start()

    def find_printed(self, block, copies):
        """Looks for a recorded block in what the server printed since the last one."""
        printed = normalise(self.out.read_text(errors="replace"))
        source, recorded = server_printed_pattern(block)
        match = re.compile(source).search(printed, self.seen)
        if match is None:
            mails = "\n\n".join(mask(mail) for mail in emails(printed[self.seen :]))
            return [f"The server printed no such email. It printed:\n{mails or '(none)'}"], ""
        end = printed.find(MAIL_END, match.end())  # the rest of that email is used up too
        self.seen = match.end() if end < 0 else end + len(MAIL_END)
        return check_captured(recorded, match.groups(), copies), match.group()


def emails(printed):
    """The emails in the server's output, without the start-up banners around them."""
    chunks = printed.split(MAIL_END)[:-1]  # the last one is after the last email
    return [chunk[chunk.find("Content-Type:") :].strip("\n") for chunk in chunks]


class Shell:
    """One bash process for the whole walkthrough, so variables and functions carry over."""

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


# Running the walkthrough


def student_folder(tmp, chapter):
    """A folder like the chapter's, where commands that write files may write them.

    It holds the chapter's `manage.py` (linked) and, one level up, `.nox/serve` (a link to
    this virtualenv), so `../.nox/serve/bin/python manage.py ...` works as in the README.
    """
    folder = tmp / chapter
    folder.mkdir()
    (folder / "manage.py").symlink_to(ROOT / chapter / "manage.py")
    (tmp / ".nox").mkdir()
    (tmp / ".nox" / "serve").symlink_to(sys.prefix, target_is_directory=True)
    return folder


def environments(tmp):
    """The server's environment (as `serve` sets it) and the student's shell's."""
    base = {name: value for name, value in os.environ.items() if not SERVER_SETTINGS.match(name)}
    database = {"DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}"}
    server = {
        **base,
        **database,
        "DJANGO_DEBUG": "1",
        "PYTHONUNBUFFERED": "1",  # emails reach server.out before the answer does
        "PYTHONDONTWRITEBYTECODE": "1",  # leave no __pycache__ in the chapter folder
    }
    shell = {
        **base,
        **database,  # the student's `manage.py` commands reach the server's database
        "CURL_HOME": str(tmp),  # a personal ~/.curlrc must not change curl's output
        "no_proxy": f"{HOST},localhost",  # nor a proxy in the environment
        "NO_PROXY": f"{HOST},localhost",
    }
    return server, shell


def run_step(step, server, shell, copies):
    """Runs one step; answers its problems, what ran, and what it printed."""
    if step.command is None:
        problems, printed = server.find_printed(step.expected, copies)
        return problems, None, printed
    command = copies.apply(step.command)
    output, status = shell.run(command)
    actual = normalise(output)
    problems = compare(normalise(step.expected), actual, copies)
    if status:
        problems.insert(0, f"The command exited with status {status}.")
    return problems, command, actual


def report(chapter, step, problems, command, output, verbose):
    """One line per step; the details of a failure; everything with --verbose."""
    what = f"$ {step.command}" if step.command is not None else "(printed by the server)"
    first = what.splitlines()[0]
    print(f"  {'ok  ' if not problems else 'FAIL'}  {first[:100]}")
    if problems:
        print(f"\n  {chapter}/README.md:{step.line}, under ### {step.section}")
        print(indent(what))
        if command is not None and command != step.command:
            print(indent(f"ran as: $ {command}"))
        for problem in problems:
            print(indent(problem))
        print()
    elif verbose:
        if command is not None and command != step.command:
            print(indent(f"ran as: $ {command}"))
        if output:
            print(indent(output))


def indent(text):
    return "\n".join("        " + line for line in text.splitlines())


def replay(chapter, steps, server, shell, verbose):
    """Runs the steps in order, restarting the server at each section; answers the failures."""
    copies, section, failures = Copies(), None, 0
    for step in steps:
        if step.section != section:
            print(f"### {step.section}")
        if step.wait:
            print(f"  (waits {step.wait} seconds: the server's clocks move on)")
        if step.section != section or step.wait:
            section = step.section
            server.restart(step.wait)
        problems, command, output = run_step(step, server, shell, copies)
        report(chapter, step, problems, command, output, verbose)
        failures += bool(problems)
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", help="a chapter folder, e.g. 04_djoser")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every output")
    args = parser.parse_args(argv)
    readme = ROOT / args.chapter / "README.md"
    if not (ROOT / args.chapter / "manage.py").exists():
        parser.error(f"no chapter {args.chapter!r} in {ROOT}")
    steps = parse_steps(readme.read_text())
    if not steps:
        raise SystemExit(f"{readme}: no walkthrough to replay")
    sys.stdout.reconfigure(line_buffering=True)  # nox shows it as it happens
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"walkthrough-{args.chapter}-") as name:
        tmp = Path(name)
        server_env, shell_env = environments(tmp)
        server = Server(args.chapter, tmp, server_env)
        server.prepare()
        shell = Shell(student_folder(tmp, args.chapter), shell_env)
        try:
            failures = replay(args.chapter, steps, server, shell, args.verbose)
        finally:
            server.stop()
            shell.close()
    seconds = time.monotonic() - started
    if failures:
        print(f"{args.chapter}: {failures} of {len(steps)} steps differ from the README.")
        return 1
    print(f"{args.chapter}: all {len(steps)} steps match the README ({seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
