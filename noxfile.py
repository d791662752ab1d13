"""Every entry point of the monorepo.

    nox                                   # the shared suite against every chapter
    nox -s "tests(01_basic_session)"      # ... against one chapter
    nox -s serve -- 01_basic_session      # migrate, load demo data, run the dev server
    nox -s http -- 01_basic_session       # the suite over HTTP against runserver
    nox -s fuzz -- 01_basic_session       # schemathesis against a live server
    nox -s diff -- 02_token 03_jwt        # what one strategy changes against another
    nox -s lint                           # ruff check and ruff format --check
    nox -s tools                          # tools/tests/: the tools' own tests
    nox -s walkthrough -- 04_djoser       # replay a README's walkthrough against a live server
    nox -s matrix                         # run the suite, then write README.md's matrix
    nox -s postgres                       # the suite on PostgreSQL and Redis
    nox -s workers                        # several gunicorn workers: throttles and lost writes
    nox -s http_production                # the suite over HTTP: gunicorn, PostgreSQL, Redis
    nox -s browser                        # a real Chromium: cookies, CSRF, Swagger UI, /demo/
    nox -s bench                          # what each strategy costs, under gunicorn and wrk
    nox -s compile                        # re-pin every requirements.txt from its .in
    nox -s canary                         # the suite on the newest releases, pins ignored

Each chapter gets its own virtualenv, built from its own requirements.txt, so a chapter
that forgets a dependency fails here exactly as it would on a student's machine. That file
is compiled from the chapter's requirements.in, the short list a person reads and edits.
"""

import difflib
import filecmp
import os
import secrets
import shutil
import socket
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import nox

ROOT = Path(__file__).parent
TOOLS = ROOT / "tools"
CHAPTERS = sorted(path.parent.name for path in ROOT.glob("[0-9][0-9]_*/requirements.txt"))
RUFF = "ruff==0.17.6"

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

# uv does not write bytecode by default; without it every pytest start recompiles Django.
INSTALL_ENV = {"UV_COMPILE_BYTECODE": "1"}


def each_chapter(*tags):
    """One run per chapter. `tags` name what a run holds alone ("{chapter}": its chapter's
    name): `dev.py --jobs 2 -s ...` never runs two sessions with a tag in common at once.

    What the tags below hold: a range of loopback ports whose first free one a server
    takes (two runs at once could pick the same port), or a chapter's PostgreSQL
    databases and Redis db, which the suite empties (`services_or_skip`).
    """
    return [
        nox.param(chapter, id=chapter, tags=[tag.format(chapter=chapter) for tag in tags])
        for chapter in CHAPTERS
    ]


def install_chapter(session, chapter, *extra):
    session.install("-r", f"{chapter}/requirements.txt", *extra, env=INSTALL_ENV)


def skip_unless_asked(session, chapter):
    """`nox -s fuzz -- 03_jwt` runs one parametrisation; no chapter named runs them all."""
    asked = [name for name in session.posargs if name in CHAPTERS]
    if asked and chapter not in asked:
        session.skip(f"not asked for: {', '.join(asked)}")


@nox.session
@nox.parametrize("chapter", each_chapter())
def tests(session, chapter):
    """Run shared_tests/ against one chapter, in that chapter's folder and settings.

    The suite starts with Django's system checks and `makemigrations --check`
    (shared_tests/test_project_checks.py), in process rather than as two more commands.
    """
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    # The behaviour-matrix cells this run proves, for tools/matrix.py (see `matrix`).
    cells = f"--matrix-out={ROOT / '.nox' / 'matrix' / chapter}.json"
    session.run("python", "-m", "pytest", "../shared_tests", cells, *session.posargs)


def http_database(session, chapter):
    """A fresh SQLite file for one HTTP run, named as a test database (the suite empties
    it), in memory-backed /dev/shm where there is one: every test commits."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix=f"http-{chapter}-", dir=shm if shm.is_dir() else None))
    return folder / "test_http.sqlite3"


@nox.session
@nox.parametrize("chapter", each_chapter("runserver-ports"))
def http(session, chapter):
    """The suite over HTTP against the chapter under runserver: nox -s http -- 03_jwt

    The suite serves the chapter itself (`--serve runserver`) on a SQLite test database
    that the server and the test process both open, and skips the tests that need the
    test process's own clock, settings or rates. Options after the chapter go to pytest.
    """
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    database = http_database(session, chapter)
    options = [arg for arg in session.posargs if arg not in CHAPTERS]
    try:
        session.run(
            *("python", "-m", "pytest", "../shared_tests", "--serve", "runserver"),
            *("-p", "no:cacheprovider", *options),
            env={"DATABASE_URL": f"sqlite:///{database}"},
        )
    finally:
        shutil.rmtree(database.parent, ignore_errors=True)


@nox.session
@nox.parametrize("chapter", each_chapter())
def fuzz(session, chapter):
    """Fuzz a chapter from its OpenAPI schema: nox -s fuzz -- 03_jwt (no name: every chapter).

    FUZZ_EXAMPLES sets the examples per operation (default 50); FUZZ_SEED fixes the seed.
    """
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt", "-r", "requirements-fuzz.txt")
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
DIFFED = ["requirements.in", "config", "accounts"]
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
def tools(session):
    """tools/tests/: what the walkthrough and the bench compute, and the shared process helpers.

    The test tools only, from requirements-test.txt: the tools' tests need no chapter.
    """
    session.install("-r", "requirements-test.txt", env=INSTALL_ENV)
    session.run("python", "-m", "pytest", "tools/tests", "-p", "no:cacheprovider")


@nox.session
@nox.parametrize("chapter", each_chapter("port-8000"))
def walkthrough(session, chapter):
    """Replay a README's walkthrough on a live dev server: nox -s walkthrough -- 04_djoser

    Options after the chapter go to tools/walkthrough/: `-- 04_djoser --verbose`. The test
    requirements come too, for time-machine: it moves the server's clocks where a README
    makes the student wait.
    """
    skip_unless_asked(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    options = [arg for arg in session.posargs if arg not in CHAPTERS]
    session.run("python", "-m", "tools.walkthrough", chapter, *options)


@nox.session(venv_backend="none", requires=["tests"])
def matrix(session):
    """Rerun the suite on every chapter, then write its behaviour matrix into README.md.

    CI checks the committed table after its own run of the suite, without a second one:
    python3 tools/matrix.py --check
    """
    session.run("python3", str(TOOLS / "matrix.py"))


# The servers `postgres`, `workers` and `http_production` use unless DATABASE_URL or
# REDIS_URL names others, with the port to try when a URL names none.
SERVICES = {
    "DATABASE_URL": ("postgres://postgres@127.0.0.1:5432/postgres", 5432),
    "REDIS_URL": ("redis://127.0.0.1:6379/15", 6379),
}
# Each chapter's own Redis db (8 to 14), as each has its own databases: the suite flushes
# its cache, and dev.py runs two chapters' sessions side by side.
REDIS_DB = {chapter: 8 + n for n, chapter in enumerate(CHAPTERS)}


def with_path(url, path):
    return urlunsplit(urlsplit(url)._replace(path=path))


def services_or_skip(session, chapter):
    """DATABASE_URL and REDIS_URL for `chapter`, once both servers answer.

    The servers come from the environment or SERVICES; the database is named for the
    chapter (pytest-django creates `test_<chapter>` beside it) and Redis's db is the
    chapter's own. A laptop without PostgreSQL and Redis gets a skip that says what is
    missing, not a wall of connection errors from every test.
    """
    env = {name: os.environ.get(name) or url for name, (url, _) in SERVICES.items()}
    for name, url in env.items():
        parts = urlsplit(url)
        address = (parts.hostname or "127.0.0.1", parts.port or SERVICES[name][1])
        try:
            socket.create_connection(address, timeout=2).close()
        except OSError as error:
            session.skip(
                f"{name}={url} does not answer ({error}). Start it or point {name} at one; "
                "`nox -s tests` needs neither"
            )
    env["DATABASE_URL"] = with_path(env["DATABASE_URL"], f"/{chapter}")
    env["REDIS_URL"] = with_path(env["REDIS_URL"], f"/{REDIS_DB[chapter]}")
    return env


@nox.session
@nox.parametrize("chapter", each_chapter("{chapter}-services"))
def postgres(session, chapter):
    """The whole suite on PostgreSQL and Redis: nox -s postgres -- 03_jwt

    pytest-django creates and drops `test_<chapter>` on the server DATABASE_URL names.
    """
    skip_unless_asked(session, chapter)
    env = services_or_skip(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    session.run("python", "-m", "pytest", "../shared_tests", env=env)


@nox.session
@nox.parametrize("chapter", each_chapter("workers-ports", "{chapter}-services"))
def workers(session, chapter):
    """Several gunicorn workers: shared throttles and no lost writes: nox -s workers -- 03_jwt

    shared_tests/production/ is collected only with PRODUCTION_TESTS=1, so `tests` skips it.
    """
    skip_unless_asked(session, chapter)
    env = services_or_skip(session, chapter)
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    env["PRODUCTION_TESTS"] = "1"
    session.run("python", "-m", "pytest", "../shared_tests/production", env=env)


@nox.session
@nox.parametrize("chapter", each_chapter("browser-ports"))
def browser(session, chapter):
    """A real Chromium against the chapter: nox -s browser -- 01_basic_session

    What only a browser decides: cookie visibility, CSRF from another site, Swagger UI,
    the Content-Security-Policy. Debian's chromium and chromium-driver drive it (apt);
    without them the tests skip, saying so. `-- --screenshots` rewrites docs/browser/.
    shared_tests/browser/ is collected only with BROWSER_TESTS=1, so `tests` skips it.
    """
    skip_unless_asked(session, chapter)
    install_chapter(
        session, chapter, "-r", "requirements-test.txt", "-r", "requirements-browser.txt"
    )
    session.chdir(chapter)
    # The matrix cells the browser proves, merged into README.md's by tools/matrix.py.
    cells = f"--matrix-out={ROOT / '.nox' / 'matrix' / 'browser' / chapter}.json"
    options = [arg for arg in session.posargs if arg not in CHAPTERS]
    env = {"BROWSER_TESTS": "1"}
    session.run("python", "-m", "pytest", "../shared_tests/browser", cells, *options, env=env)


@nox.session
@nox.parametrize("chapter", each_chapter("gunicorn-ports", "{chapter}-services"))
def http_production(session, chapter):
    """The suite over HTTP against gunicorn in production mode on PostgreSQL and Redis:
    nox -s http_production -- 03_jwt

    Debug off, a real secret key, two workers, behind a TLS proxy that the test client
    stands in for (DJANGO_TLS_PROXY=1, `X-Forwarded-Proto: https`). The database is
    `test_http_<chapter>` on the server DATABASE_URL names; the suite creates it and
    empties it. One per chapter: another chapter's tables (02's `authtoken_token`) would
    hold foreign keys to `auth_user` that this chapter's flush does not know to truncate.
    """
    skip_unless_asked(session, chapter)
    env = services_or_skip(session, chapter)
    env["DATABASE_URL"] = with_path(env["DATABASE_URL"], f"/test_http_{chapter}")
    # The test process runs with the server's production settings too: what its fixtures
    # write with the ORM (06's redirect URIs, https only) must be what the server expects.
    env |= {"DJANGO_DEBUG": "0", "DJANGO_TLS_PROXY": "1"}
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(48)  # this run's; served.py passes it on
    install_chapter(session, chapter, "-r", "requirements-test.txt")
    session.chdir(chapter)
    options = [arg for arg in session.posargs if arg not in CHAPTERS and arg != "--"]
    session.run(
        *("python", "-m", "pytest", "../shared_tests", "--serve", "gunicorn"),
        *("-p", "no:cacheprovider", *options),
        env=env,
    )


# Where `bench_chapter` leaves one JSON file per chapter for `bench` to render.
BENCH_RESULTS = ROOT / ".nox" / "bench-results"
MATPLOTLIB = "matplotlib==3.11.2"
PY_SPY = "py-spy==0.4.3"  # BENCH_PROFILE=1: where a worker's time goes


def ensure_wrk(session):
    """wrk is a system package, not a Python one: install it where we may, else say how."""
    if shutil.which("wrk"):
        return
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", "wrk", external=True)
        return
    session.error(
        "The bench needs wrk: `sudo apt-get install wrk` (Debian, Ubuntu) or "
        "`brew install wrk` (macOS), then run it again."
    )


@nox.session
@nox.parametrize("chapter", each_chapter())
def bench_chapter(session, chapter):
    """Measure one chapter under gunicorn and wrk, into .nox/bench-results/<chapter>.json."""
    skip_unless_asked(session, chapter)
    ensure_wrk(session)
    install_chapter(session, chapter, PY_SPY)
    session.chdir(chapter)
    output = BENCH_RESULTS / f"{chapter}.json"
    # From the chapter's folder (its `config`), with the repository importable (`tools`).
    bench = ["python", "-m", "tools.bench", chapter, str(output)]
    session.run(*bench, env={"PYTHONPATH": str(ROOT)})


@nox.session(requires=["bench_chapter"])
def bench(session):
    """What each strategy costs: every chapter measured, then docs/bench.md and docs/bench.png.

    nox -s bench -- 03_jwt measures one chapter and renders it with the others' last results.
    """
    session.install(MATPLOTLIB, env=INSTALL_ENV)
    session.run("python", "-m", "tools.bench.render", str(BENCH_RESULTS), str(ROOT / "docs"))


# How `compile` turns each requirements.in into a requirements.txt. One file serves every
# student: markers for Linux, macOS and Windows (--universal) from the oldest Python the
# pins allow (django-filter 26.2 and django-allauth 65.22.1 need 3.11), and hashes, so an
# install refuses a download that is not the file that was pinned.
COMPILE_OPTIONS = ["--universal", "--python-version", "3.11", "--generate-hashes", "--quiet"]
TEST = "requirements-test"


def constraints_for(name):
    """The pins a root requirements-*.in is compiled against: those it is installed beside.

    One virtualenv holds a chapter, the test tools and what a session adds (the fuzzer,
    the browser driver), so a package they all need gets one version.
    """
    if name == "requirements-tools":
        return []  # nox and uv, in .tools/ on their own
    chapters = [arg for chapter in CHAPTERS for arg in ("-c", f"{chapter}/requirements.txt")]
    return chapters if name == TEST else [*chapters, "-c", f"{TEST}.txt"]


def uv_binary(session):
    """The uv that dev.py installed next to nox, else one on PATH."""
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uv")
        if not found:
            session.error("compile needs uv: run it as `python3 dev.py -s compile`")
        return found
    return find_uv_bin()


@nox.session(name="compile", venv_backend="none")  # uv is the only tool it needs
def compile_requirements(session):
    """Re-pin every requirements.txt from its requirements.in: nox -s compile

    Pins already in a .txt stay unless its .in asks otherwise. Options go to uv:
    `-- --upgrade` moves everything to the newest releases, `-- --upgrade-package redis`
    one package. shared_tests/test_requirements.py fails when a .txt is stale.
    """
    uv = uv_binary(session)
    for chapter in CHAPTERS:
        # From inside the chapter, so the file names only its own folder's files.
        session.chdir(ROOT / chapter)
        compile_args = ["requirements.in", *COMPILE_OPTIONS, "-o", "requirements.txt"]
        session.run(uv, "pip", "compile", *compile_args, *session.posargs)
    session.chdir(ROOT)
    # The test tools first: the others are compiled against their pins.
    names = sorted(path.stem for path in ROOT.glob("requirements-*.in"))
    names.sort(key=TEST.__ne__)
    for name in names:
        compile_args = [f"{name}.in", *COMPILE_OPTIONS, *constraints_for(name)]
        session.run(uv, "pip", "compile", *compile_args, "-o", f"{name}.txt", *session.posargs)


def newest(requirements):
    """The names in a requirements.in, extras kept, versions dropped: `psycopg[binary]`."""
    lines = (line.split("#")[0].strip() for line in requirements.read_text().splitlines())
    return [line.split("==")[0] for line in lines if line]


# The newest releases may need a newer Python than the pins do (Django 6 needs 3.12):
# CANARY_PYTHON=3.13 (a version or path uv can find) runs the canary there instead.
CANARY_PYTHON = os.environ.get("CANARY_PYTHON")


@nox.session(python=CANARY_PYTHON, reuse_venv=False)  # rebuilt: really the newest releases
@nox.parametrize("chapter", each_chapter())
def canary(session, chapter):
    """The suite against the newest release of every package a chapter names, pins ignored.

    Not part of CI: it answers "what breaks when we move the pins?" before anyone moves
    them. nox -s canary -- 05_allauth_registration runs one chapter; options after the
    chapter go to pytest.
    """
    skip_unless_asked(session, chapter)
    # The test tools at their own pins, resolved with the chapter's newest releases.
    names = newest(ROOT / chapter / "requirements.in")
    session.install(*names, "-r", "requirements-test.in", env=INSTALL_ENV)
    session.run("python", str(TOOLS / "drift.py"), str(ROOT / chapter / "requirements.in"))
    session.chdir(chapter)
    options = [arg for arg in session.posargs if arg not in CHAPTERS]
    session.run("python", "-m", "pytest", "../shared_tests", "-p", "no:cacheprovider", *options)
