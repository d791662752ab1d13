"""Runs a Python script with every clock ahead: python clock.py SECONDS script.py [args...]

Where a README makes the student wait (for a token to expire), the walkthrough restarts
the dev server under this instead of waiting. time-machine moves time.time, datetime.now
and the rest at the C level, so references taken before (DRF keeps `time.time` on a
class) move too, and the clocks go on ticking from there.

It runs by path, not with `-m`, because the server runs in the chapter's folder, where
the tools are not importable; it needs only time-machine, which the walkthrough installs.
"""

import runpy
import sys
import time
from pathlib import Path

import time_machine


def run_ahead(seconds, argv):
    """Runs argv[0] as `python argv...` would, with the clocks `seconds` ahead."""
    sys.argv = list(argv)
    # What `python script.py` puts first on sys.path: the script's folder, not this one.
    sys.path[0] = str(Path(argv[0]).resolve().parent)
    with time_machine.travel(time.time() + seconds, tick=True):
        runpy.run_path(argv[0], run_name="__main__")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        raise SystemExit(__doc__.splitlines()[0])
    run_ahead(float(argv[0]), argv[1:])


if __name__ == "__main__":
    main()
