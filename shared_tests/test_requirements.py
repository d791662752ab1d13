"""Each compiled requirements file is what `python3 dev.py -s compile` makes of its `.in`.

A person edits the short `.in` (the chapter's requirements.in, the repository's
requirements-*.in); uv compiles it into the `.txt` that installs, with every package
those pull in pinned and hashed. These tests fail when someone edits one and not the
other. They read the files only: recompiling would need the network.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.in_process("sends no request: it reads the requirements files")

ROOT = Path(__file__).resolve().parent.parent
# This run's chapter, and what nox installs beside it (requirements-test.in, ...) or
# drives it with (requirements-tools.in).
SOURCES = [settings.BASE_DIR / "requirements.in", *sorted(ROOT.glob("requirements-*.in"))]


def pins(source):
    """{name: version} of a `.in` file's `name[extras]==version` lines."""
    requirements = [Requirement(line) for line in requirement_lines(source.read_text())]
    return {canonicalize_name(req.name): str(req.specifier)[2:] for req in requirements}


def requirement_lines(text):
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line:
            yield line


def compiled_packages(source):
    """{name: (version, hashes, what it is there for)} from the `.txt` compiled from `source`.

    uv writes `name==version ; marker \\`, then `--hash=...` lines, then `# via` lines
    naming the packages (or `-r file.in`) that asked for it.
    """
    packages, current = {}, None
    for line in source.with_suffix(".txt").read_text().splitlines():
        pin = re.match(r"([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if pin:
            current = canonicalize_name(pin[1])
            packages[current] = (pin[2], [], [])
        elif current and "--hash=" in line:
            packages[current][1].append(line.split("--hash=")[1].rstrip(" \\"))
        elif current and line.strip().startswith("#"):
            packages[current][2].append(line.strip(" #").removeprefix("via").strip())
    return packages


@pytest.fixture(params=SOURCES, ids=lambda source: source.relative_to(ROOT).as_posix())
def source(request):
    return request.param


def test_the_compiled_file_names_its_source_in_its_header(source):
    header = source.with_suffix(".txt").read_text().splitlines()[1]
    assert f"uv pip compile {source.name} " in header


def test_every_pin_in_the_source_has_the_same_version_in_the_compiled_file(source):
    compiled = compiled_packages(source)
    wanted = pins(source)
    found = {name: compiled.get(name, ("missing",))[0] for name in wanted}
    assert found == wanted, f"{source.name} and its .txt disagree: run python3 dev.py -s compile"


def test_the_compiled_file_credits_to_its_source_only_what_the_source_lists(source):
    credited = {
        name
        for name, (_, _, reasons) in compiled_packages(source).items()
        if f"-r {source.name}" in reasons
    }
    assert credited == set(pins(source)), f"{source.name} changed: run python3 dev.py -s compile"


def test_every_compiled_pin_has_a_hash(source):
    unhashed = [name for name, (_, hashes, _) in compiled_packages(source).items() if not hashes]
    assert unhashed == [], "pins added by hand? run python3 dev.py -s compile"
