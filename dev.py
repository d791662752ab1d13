#!/usr/bin/env python3
"""Runs nox, after installing it: the only prerequisite is Python 3.11 or newer.

    python3 dev.py                              # every chapter's tests, two at a time
    python3 dev.py --jobs 1                     # ... one at a time, as plain `nox` does
    python3 dev.py -- -k throttle               # ... with arguments for pytest
    python3 dev.py -s serve -- 01_basic_session
    python3 dev.py --jobs 2 -s http fuzz        # these sessions' runs, two at a time

The first run creates `.tools/`, a virtualenv holding nox, uv and what they need, at the
pins (and hashes) of requirements-tools.txt; later runs reuse it. Arguments go to nox
unchanged, so if you already have nox, `nox ...` does the same thing.

Two runs differ. The default one (no nox options, perhaps `-- args`): each chapter's
suite is one process on one core, so dev.py runs `--jobs` sessions at once (as many as
there are cores, at most two). And `--jobs N -s NAME ...`: every run of the sessions
named, N at a time, as CI does. Each session's output is kept apart and printed whole,
in the sessions' order, as soon as it and those before it have ended. Two sessions that
share a tag (noxfile.py: a port range, a chapter's databases) never run at once.

Python may write bytecode under dev.py even where PYTHONDONTWRITEBYTECODE is set: pytest
keeps its assert-rewritten test modules there, and rewriting the whole suite again costs
every chapter's run a second or two before its first test.
"""

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
REQUIREMENTS = ROOT / "requirements-tools.txt"
BIN = TOOLS / ("Scripts" if os.name == "nt" else "bin")
POSIX = os.name != "nt"


def ensure_tools():
    """(Re)installs the tools when requirements-tools.txt changed since the last run.

    An existing .tools/ is updated in place, not rebuilt: another dev.py run may be using it.
    """
    stamp = TOOLS / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    # The chapters' pins need 3.11 (django-filter 26.2 and django-allauth 65.22.1 do).
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    print(f"dev.py: installing nox and uv into {TOOLS.name}/ ...", flush=True)
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            REQUIREMENTS,
        ],
        check=True,
    )
    stamp.write_text(wanted)


def split_jobs(args):
    """`--jobs N` (or `-j N`) taken out of the arguments: (N or None, the rest)."""
    if args[:1] in (["--jobs"], ["-j"]) and len(args) > 1 and args[1].isdigit():
        return max(1, int(args[1])), args[2:]
    return None, args


def split_sessions(args):
    """`-s NAME ...` alone (perhaps then `-- args`): (the names, the args), else (None, args)."""
    if args[:1] not in (["-s"], ["--session"], ["--sessions"]):
        return None, args
    end = args.index("--") if "--" in args else len(args)
    names = args[1:end]
    if not names or any(name.startswith("-") for name in names):
        return None, args
    return names, args[end + 1 :]


def listed_sessions(nox, names=()):
    """{session: its tags} for every run of `names`, in their order (no names: a bare
    `nox`'s sessions, in its order)."""
    command = [nox, "--list", "--json", *(["--sessions", *names] if names else [])]
    listing = subprocess.run(command, capture_output=True, text=True)
    if listing.returncode != 0:
        sys.exit(listing.stderr)
    entries = json.loads(listing.stdout)
    if names:  # nox lists in the noxfile's order; sorted() keeps it within each name

        def asked_at(entry):  # a name asks for a session ("tests") or one run of it
            return min(names.index(n) for n in (entry["name"], entry["session"]) if n in names)

        entries.sort(key=asked_at)
    return {entry["session"]: set(entry["tags"]) for entry in entries}


# Loopback ports for the suite's `threaded_server` (shared_tests/conftest.py): sessions
# running at once each get their own share, so no two chapters race for one port.
DEV_SERVER_PORTS = range(8300, 8360)


def port_share(slot, jobs):
    size = len(DEV_SERVER_PORTS) // jobs
    first = DEV_SERVER_PORTS.start + slot * size
    return f"{first}-{first + size - 1}"


def stop(process):
    if POSIX:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.terminate()


def run_side_by_side(nox, sessions, posargs, jobs):
    """Runs `sessions` ({name: tags}), `jobs` at a time; prints each one's output whole,
    in order.

    Answers the exit status: 0 when every session succeeded (or skipped).
    """
    print(f"dev.py: {len(sessions)} sessions, {jobs} at a time", flush=True)
    # Each session runs in its own process group, which only dev.py stops: on Ctrl-C, and
    # on a SIGTERM (from `timeout`, say), made an exit here so that `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("dev.py: stopped"))
    with contextlib.ExitStack() as files:
        logs = [files.enter_context(tempfile.TemporaryFile()) for _ in sessions]
        ended = schedule(nox, sessions, posargs, jobs, logs)
    for name, (status, seconds) in zip(sessions, ended, strict=True):
        outcome = "success" if status == 0 else f"failed (exit status {status})"
        print(f"dev.py: {name}: {outcome} in {seconds:.0f} s")
    remember_durations(dict(zip(sessions, (seconds for _, seconds in ended), strict=True)))
    return 0 if all(status == 0 for status, _ in ended) else 1


# How long each session took last time: the next run starts the longest first, so that
# no long one is left running alone at the end (the output keeps the sessions' order).
DURATIONS = ROOT / ".nox" / "dev-durations.json"


def remembered_durations():
    try:
        return json.loads(DURATIONS.read_text())
    except (OSError, ValueError):
        return {}


def remember_durations(durations):
    with contextlib.suppress(OSError):
        DURATIONS.write_text(json.dumps(remembered_durations() | durations, indent=1))


def next_session(waiting, running, sessions):
    """Takes from `waiting` the first (index, name) whose tags no running session holds."""
    held = set().union(*(sessions[name] for _, name, _, _ in running.values()))
    for entry in waiting:
        if not sessions[entry[1]] & held:
            waiting.remove(entry)
            return entry
    return None


def schedule(nox, sessions, posargs, jobs, logs):
    """Keeps up to `jobs` sessions running, each writing to its log, and prints every log
    once it and those before it have ended. Answers [(exit status, seconds)] in order."""
    last = remembered_durations()  # none known: nox's order
    waiting = sorted(enumerate(sessions), key=lambda entry: -last.get(entry[1], 0))
    running = {}  # slot -> (index, name, process, start)
    ended = {}  # index -> (exit status, seconds)
    printed = 0
    try:
        while printed < len(sessions):
            for slot in sorted(set(range(jobs)) - running.keys()):
                entry = next_session(waiting, running, sessions)
                if entry is None:
                    break
                index, name = entry
                process = subprocess.Popen(
                    [nox, "--session", name, "--", *posargs],
                    stdout=logs[index],
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=os.environ | {"DEV_SERVER_PORTS": port_share(slot, jobs)},
                    start_new_session=POSIX,  # see run_side_by_side
                )
                running[slot] = (index, name, process, time.monotonic())
            for slot, (index, _, process, start) in list(running.items()):
                if process.poll() is not None:
                    ended[index] = (process.returncode, time.monotonic() - start)
                    del running[slot]
            while printed in ended:
                logs[printed].seek(0)
                print(logs[printed].read().decode(errors="replace"), end="", flush=True)
                printed += 1
            time.sleep(0.2)
    finally:  # Ctrl-C, or a failure here: no session is left running
        for _, _, process, _ in running.values():
            stop(process)
    return [ended[index] for index in range(len(sessions))]


def main():
    ensure_tools()
    os.chdir(ROOT)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # see above
    nox = BIN / "nox"
    asked, args = split_jobs(sys.argv[1:])
    jobs = asked or min(2, os.cpu_count() or 1)
    names, posargs = split_sessions(args)
    # The default run goes side by side, and named sessions with --jobs; the rest is nox's.
    if jobs > 1 and (not args or args[0] == "--"):
        sys.exit(run_side_by_side(nox, listed_sessions(nox), args[1:], jobs))
    if asked and names:
        sys.exit(run_side_by_side(nox, listed_sessions(nox, names), posargs, jobs))
    completed = subprocess.run([nox, *args])
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
