"""Starts `python <args>` for the tests by forking, not by starting Python again.

Most of the half second a chapter's `manage.py check` costs is importing Django and DRF,
and the suite starts such processes by the dozen, seven chapters over. This script,
run once per pytest process (`shared_tests/processes.py`), imports those libraries and
nothing of the chapter's, then forks once per request: each child applies its own
environment and working folder and only then reads the settings, so it starts as fresh
as `python <args>` would, its settings read from its own environment.

Requests are JSON lines on stdin; each answer is one JSON line on stdout:

- `{"args": [...], "env": {...}, "cwd": "..."}` runs the process to its end and answers
  `{"returncode": int, "stdout": str, "stderr": str}`;
- the same with `"log": "path"` starts a process that keeps running (a server), its output
  written to that file, and answers `{"pid": int}` at once;
- `{"ended": pid}` answers that process's `{"returncode": int}` if it has ended, else
  `{"returncode": null}`. It stays this one's child until then, so no other process
  can take its number while the tests may still signal it.
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
    """What `python *args` does: a script, `-c code` or `-m module`; answers the exit
    status."""
    try:
        if args[0] == "-c":
            sys.argv = ["-c", *args[2:]]
            sys.path[0] = ""
            code = compile(args[1], "<string>", "exec")
            exec(code, {"__name__": "__main__", "__builtins__": builtins})
        elif args[0] == "-m":
            sys.argv = [args[1], *args[2:]]  # runpy makes argv[0] the module's file
            sys.path[0] = os.getcwd()
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
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
    # What `python` makes of PYTHONPATH at start-up, ahead of the script's folder's entry.
    extra = [path for path in request["env"].get("PYTHONPATH", "").split(os.pathsep) if path]
    sys.path[1:1] = extra
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


def fork(request, out, err):
    """Forks a child that becomes the requested process; answers its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        child(request, out, err)
    return pid


def run_to_end(request):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        _, status = os.waitpid(fork(request, out, err), 0)
        answer = {"returncode": os.waitstatus_to_exitcode(status)}
        for name, file in (("stdout", out), ("stderr", err)):
            file.seek(0)
            answer[name] = file.read().decode(errors="replace")
    return answer


def start(request):
    with open(request["log"], "ab") as log:
        return {"pid": fork(request, log, log)}


def ended(request):
    pid, status = os.waitpid(request["ended"], os.WNOHANG)
    return {"returncode": os.waitstatus_to_exitcode(status) if pid else None}


def answer(request):
    if "ended" in request:
        return ended(request)
    return start(request) if "log" in request else run_to_end(request)


def serve():
    sys.path[0] = os.getcwd()  # the chapter's folder, as for `python manage.py`, not ours
    for module in PREIMPORTED:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    for line in sys.stdin:
        print(json.dumps(answer(json.loads(line))), flush=True)


if __name__ == "__main__":
    serve()
