#!/usr/bin/env python3
"""How far the installed packages are from a requirements.in's pins (`nox -s canary`).

    python tools/drift.py 05_allauth_registration/requirements.in

The canary installs the newest release of every name a chapter's requirements.in lists;
this prints each one next to its pin, so a failing canary run starts with what moved.
"""

import sys
from importlib.metadata import version
from pathlib import Path


def pins(requirements):
    """(name, pinned version) for each `name[extras]==version` line."""
    for line in Path(requirements).read_text().splitlines():
        requirement = line.split("#")[0].strip()
        if requirement:
            name, _, pinned = requirement.partition("==")
            yield name.split("[")[0], pinned


def main(requirements):
    print(f"Python {sys.version.split()[0]}: the newest releases that install on it")
    for name, pinned in pins(requirements):
        installed = version(name)
        moved = "" if installed == pinned else "   <- moved"
        print(f"{name:30} pinned {pinned:12} installed {installed}{moved}")


if __name__ == "__main__":
    main(sys.argv[1])
