"""The command line: python -m tools.bench CHAPTER OUTPUT.json; see __init__.py.

The process becomes the chapter (environment.py) before anything reads Django's
settings; the modules imported at the top only name Django's parts, they do not use them.
The measuring ones (DRF's test client reads its settings on import) come after.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

from .environment import become_chapter, bench_env
from .record import record, write
from .variants import BASELINE, variants_for


def main(argv=None):
    chapter, output = argv or sys.argv[1:]
    output = Path(output)
    started = time.time()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix=f"bench-{chapter}-") as folder:
        env = bench_env(folder)
        become_chapter(env)
        from shared_tests.adapters import adapters_for  # these need Django set up

        from .measure import measure_chapter

        variants = [BASELINE, *variants_for(chapter, adapters_for(chapter))]
        measured = measure_chapter(env, folder, variants)
    elapsed = time.time() - started
    write(output, record(chapter, started, elapsed, load_before, variants, measured))
    print(f"  wrote {output} in {elapsed:.0f} s", flush=True)


if __name__ == "__main__":
    main()
