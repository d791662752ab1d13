"""The command line: python -m tools.walkthrough CHAPTER [--verbose]; see __init__.py.

It lays out the two terminals, replays the steps in order, and reports each one.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from . import __doc__ as DESCRIPTION
from .copies import Copies
from .matching import compare, normalise
from .readme import parse_steps
from .server import Server
from .shell import Shell, student_folder

ROOT = Path(__file__).resolve().parent.parent.parent

# Configuration that would make the server answer otherwise than the README describes
# (other rates, a shared cache, another mail backend). The walkthrough runs on defaults.
SERVER_SETTINGS = re.compile(r"(DJANGO_\w+|THROTTLE_\w+|REDIS_URL|DATABASE_URL|JWT_SIGNING_KEY)$")


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
        "no_proxy": "127.0.0.1,localhost",  # nor a proxy in the environment
        "NO_PROXY": "127.0.0.1,localhost",
    }
    return server, shell


def run_step(step, server, shell, copies):
    """Runs one step; answers its problems, what ran, and what it printed."""
    if step.command is None:
        problems, printed = server.printed.find(step.expected, copies)
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
    parser = argparse.ArgumentParser(description=DESCRIPTION.splitlines()[0])
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
        server = Server(ROOT / args.chapter, tmp, server_env)
        server.prepare()
        shell = Shell(student_folder(tmp, ROOT, args.chapter), shell_env)
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
