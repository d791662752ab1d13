"""Every string in the repository that someone might try as a signing key.

A key that is written down anywhere in the repository (a settings default, a README
snippet, a test) is a key every clone knows. `candidate_keys()` collects them all from
the tracked text files: quoted strings, the values of `NAME=value` assignments, and any
long word. The forgery tests sign with each one and expect the chapter to refuse.
"""

import functools
import re
import subprocess

from django.conf import settings

ROOT = settings.BASE_DIR.parent
QUOTED = re.compile(r"""(?P<quote>["'`])(?P<text>[^"'`\n]{1,300})(?P=quote)""")
ASSIGNED = re.compile(r"""[A-Za-z_]\w*\s*[=:]\s*(?P<text>[^\s"'`,;)]{1,300})""")
# The key base_settings.py embedded until issue 11: still in git history, so in every clone.
HISTORICAL_KEYS = ["django-insecure-development-only-never-use-this-key-in-production"]


def tracked_files():
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [ROOT / name for name in listing.stdout.split("\0") if name]


@functools.cache
def candidate_keys():
    """The distinct candidate strings, sorted (so failures name them in a stable order)."""
    found = set(HISTORICAL_KEYS)
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):  # binary, or deleted but not yet committed
            continue
        found.update(match["text"] for match in QUOTED.finditer(text))
        found.update(match["text"] for match in ASSIGNED.finditer(text))
        found.update(word.strip(".,;:()[]{}<>") for word in text.split() if len(word) >= 16)
    found.discard("")
    return sorted(found)
