"""Every entry point of the monorepo.

    nox                                   # the shared suite against every chapter
    nox -s "tests(01_basic_session)"      # ... against one chapter
    nox -s serve -- 01_basic_session      # migrate, load demo data, run the dev server
    nox -s fuzz -- 01_basic_session       # schemathesis against a live server
    nox -s diff -- 02_token 03_jwt        # what one strategy changes against another
    nox -s lint                           # ruff check and ruff format --check
    nox -s walkthrough -- 04_djoser       # replay a README's walkthrough against a live server
    nox -s matrix                         # the behaviour matrix in README.md, from the suite
    nox -s postgres                       # the suite on PostgreSQL and Redis
    nox -s workers                        # several gunicorn workers: throttles and lost writes
    nox -s bench                          # what each strategy costs, under gunicorn and wrk

Each chapter gets its own virtualenv, built from its own requirements.txt, so a chapter
that forgets a dependency fails here exactly as it would on a student's machine.
"""

import difflib
import filecmp
import os
from pathlib import Path

import nox

ROOT = Path(__file__).parent
TOOLS = ROOT / "tools"
CHAPTERS = sorted(path.parent.name for path in ROOT.glob("[0-9][0-9]_*/requirements.txt"))
RUFF = "ruff==0.17.6"
SCHEMATHESIS = "schemathesis==4.32.5"

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

# uv does not write bytecode by default; without it every pytest start recompiles Django.
INSTALL_ENV = {"UV_COMPILE_BYTECODE": "1"}


def install_chapter(session, chapter, *extra):
    session.install("-r", f"{chapter}/requirements.txt", *extra, env=INSTALL_ENV)


def skip_unless_asked(session, chapter):
    """`nox -s fuzz -- 03_jwt` runs one parametrisation; no name runs them all."""
    if session.posargs and chapter not in session.posargs:
        session.skip(f"not asked for: {', '.join(session.posargs)}")


@nox.session
@nox.parametrize("chapter", CHAPTERS, ids=CHAPTERS)
def tests(session, chapter):
    """Run shared_tests/ against one chapter, in that chapter's folder and settings."""
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    session.run("python", "manage.py", "check", "--fail-level", "WARNING")
    session.run("python", "manage.py", "makemigrations", "--check", "--dry-run")
    session.run("python", "-m", "pytest", "../shared_tests", *session.posargs)


@nox.session
@nox.parametrize("chapter", CHAPTERS, ids=CHAPTERS)
def fuzz(session, chapter):
    """Fuzz a chapter from its OpenAPI schema: nox -s fuzz -- 03_jwt (no name: every chapter).

    FUZZ_EXAMPLES sets the examples per operation (default 50); FUZZ_SEED fixes the seed.
    """
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt", SCHEMATHESIS)
    session.chdir(chapter)
    # FUZZ_SEED makes a run repeatable (CI sets it); without it every run explores anew.
    seed = [f"--hypothesis-seed={os.environ['FUZZ_SEED']}"] if "FUZZ_SEED" in os.environ else []
    session.run("python", "-m", "pytest", "../shared_tests/fuzz", "-p", "no:cacheprovider", *seed)


@nox.session(reuse_venv=False)  # rebuilt each time, so no chapter borrows another's packages
def serve(session):
    """Serve one chapter on 127.0.0.1:8000 with demo data: nox -s serve -- 01_basic_session"""
    if len(session.posargs) != 1 or session.posargs[0] not in CHAPTERS:
        session.error(f"Name one chapter: nox -s serve -- <{'|'.join(CHAPTERS)}>")
    chapter = session.posargs[0]
    install_chapter(session, chapter)
    session.chdir(chapter)
    env = {"DJANGO_DEBUG": "1"}
    session.run("python", "manage.py", "migrate", "--no-input", env=env)
    session.run("python", "manage.py", "load_demo_data", env=env)
    session.run("python", "manage.py", "runserver", "127.0.0.1:8000", env=env)


# What `diff` compares, in this order; the domain app is only checked for being identical.
DIFFED = ["requirements.txt", "config", "accounts"]
GENERATED = {"__pycache__", "db.sqlite3", "staticfiles"}


def chapter_files(root, name):
    path = root / name
    if path.is_file():
        return {name: path}
    return {
        str(file.relative_to(root)): file
        for file in sorted(path.rglob("*"))
        if file.is_file() and not GENERATED & set(file.parts) and file.suffix != ".pyc"
    }


def identical_trees(left, right):
    comparison = filecmp.dircmp(left, right, ignore=[*GENERATED, ".DS_Store"])
    if comparison.left_only or comparison.right_only or comparison.diff_files:
        return False
    return all(identical_trees(left / sub, right / sub) for sub in comparison.common_dirs)


@nox.session(venv_backend="none")
def diff(session):
    """What changes between two chapters: nox -s diff -- 02_token 03_jwt"""
    if len(session.posargs) != 2 or not set(session.posargs) <= set(CHAPTERS):
        session.error(f"Name two chapters: nox -s diff -- <{'|'.join(CHAPTERS)}> <...>")
    a, b = (ROOT / name for name in session.posargs)
    if not identical_trees(a / "api", b / "api"):
        session.error(f"{a.name}/api and {b.name}/api differ: the domain app must not.")
    print(f"{a.name}/api and {b.name}/api are identical.\n")
    for name in DIFFED:
        left, right = chapter_files(a, name), chapter_files(b, name)
        for relative in sorted(left.keys() | right.keys()):
            old = left[relative].read_text().splitlines(True) if relative in left else []
            new = right[relative].read_text().splitlines(True) if relative in right else []
            print(
                "".join(
                    difflib.unified_diff(old, new, f"{a.name}/{relative}", f"{b.name}/{relative}")
                ),
                end="",
            )


@nox.session
def lint(session):
    """ruff check and ruff format --check over the whole repository."""
    session.install(RUFF)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
@nox.parametrize("chapter", CHAPTERS, ids=CHAPTERS)
def walkthrough(session, chapter):
    """Replay a README's walkthrough on a live dev server: nox -s walkthrough -- 04_djoser"""
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter)
    session.run("python", str(TOOLS / "walkthrough.py"), chapter)


@nox.session(venv_backend="none")
def matrix(session):
    """Write the behaviour matrix into README.md from the suite's results (TODO)."""
    session.run("python3", str(TOOLS / "matrix.py"), *session.posargs)


@nox.session
@nox.parametrize("chapter", CHAPTERS, ids=CHAPTERS)
def postgres(session, chapter):
    """The whole suite on PostgreSQL and Redis: nox -s postgres -- 03_jwt (TODO)"""
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    session.run("python", "-m", "pytest", "../shared_tests")


@nox.session
@nox.parametrize("chapter", CHAPTERS, ids=CHAPTERS)
def workers(session, chapter):
    """Several gunicorn workers: shared throttles and no lost writes (TODO)."""
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    session.run("python", "-m", "pytest", "../shared_tests/production")


@nox.session
def bench(session):
    """What each strategy costs: gunicorn and wrk, tables and a chart under docs/ (TODO)."""
    session.run("python", str(TOOLS / "bench.py"), *session.posargs)
