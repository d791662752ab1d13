"""Starts `python <args>` for the tests by forking, not by starting Python again.

Most of the half second a chapter's `manage.py check` costs is importing Django and DRF,
and the suite starts such processes by the dozen, seven chapters over. This script,
run once per pytest process (`shared_tests/processes.py`), imports those libraries and
nothing of the chapter's, then forks once per request: each child applies its own
environment and working folder and only then reads the settings, so it starts as fresh
as `python <args>` would, its settings read from its own environment.

Requests are JSON lines on stdin, `{"args": [...], "env": {...}, "cwd": "..."}`; each
answer is a JSON line on stdout, `{"returncode": int, "stdout": str, "stderr": str}`.
"""

import builtins
import contextlib
import importlib
import json
import os
import runpy
import sys
import tempfile
import traceback

# Libraries that import without settings (the chapter's stay unread until a child has its
# own environment), the slowest first; the ones a chapter does not install are left out.
PREIMPORTED = [
    "django.core.management",
    "django.db.models",
    "django.urls",
    "django.contrib.admin",
    "django.contrib.postgres.fields",
    "django.template.defaulttags",
    "rest_framework.serializers",
    "requests",
    "jwt",
    "cryptography.hazmat.primitives.asymmetric.rsa",
]


def run(args):
    """What `python *args` does: a script or `-c code`; answers the exit status."""
    try:
        if args[0] == "-c":
            sys.argv = ["-c", *args[2:]]
            sys.path[0] = ""
            code = compile(args[1], "<string>", "exec")
            exec(code, {"__name__": "__main__", "__builtins__": builtins})
        else:
            sys.argv = list(args)
            sys.path[0] = os.path.dirname(os.path.abspath(args[0]))
            runpy.run_path(args[0], run_name="__main__")
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def child(request, out, err):
    """In the forked child: becomes the requested process, then exits with its status."""
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    status = 1
    try:
        status = run(request["args"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def serve():
    sys.path[0] = os.getcwd()  # the chapter's folder, as for `python manage.py`, not ours
    for module in PREIMPORTED:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    for line in sys.stdin:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                child(request, out, err)
            _, status = os.waitpid(pid, 0)
            answer = {"returncode": os.waitstatus_to_exitcode(status)}
            for name, file in (("stdout", out), ("stderr", err)):
                file.seek(0)
                answer[name] = file.read().decode(errors="replace")
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve()
