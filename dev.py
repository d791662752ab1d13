#!/usr/bin/env python3
"""Runs nox, after installing it: the only prerequisite is Python 3.11 or newer.

    python3 dev.py                              # every chapter's tests
    python3 dev.py -s serve -- 01_basic_session

The first run creates `.tools/`, a virtualenv holding nox, uv and what they need, at the
pins (and hashes) of requirements-tools.txt; later runs reuse it. Arguments go to nox
unchanged, so if you already have nox, `nox ...` does the same thing.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
REQUIREMENTS = ROOT / "requirements-tools.txt"
BIN = TOOLS / ("Scripts" if os.name == "nt" else "bin")


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


def main():
    ensure_tools()
    os.chdir(ROOT)
    nox = BIN / "nox"
    completed = subprocess.run([nox, *sys.argv[1:]])
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
