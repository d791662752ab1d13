"""The SimpleJWT modules are the same, byte for byte, in every chapter that uses SimpleJWT.

03, 04 and 05 each carry a copy of the workarounds (`simplejwt_fixes.py`), the
revocation rules (`jwt_revocation.py`) and their cache (`jwt_cache.py`), the "log out
everywhere" view, the schema
extension and the `accounts` models and first migration that hold the revocation
state. A fix made in one copy and not the others would make one chapter's lesson false.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.in_process("sends no request: it compares the chapters' files")

ROOT = Path(__file__).resolve().parent.parent
# Every chapter that installs SimpleJWT, so a new one cannot leave its copies out.
CHAPTERS = sorted(
    path.parent.name
    for path in ROOT.glob("[0-9][0-9]_*/requirements.in")
    if "djangorestframework-simplejwt" in path.read_text()
)
SHARED = [
    "accounts/simplejwt_fixes.py",
    "accounts/jwt_revocation.py",
    "accounts/jwt_cache.py",
    "accounts/logout_everywhere.py",
    "accounts/jwt_schema.py",
    "accounts/migrations/0001_initial.py",
]


def test_the_simplejwt_chapters_are_found():
    assert CHAPTERS[0] == "03_jwt", f"03 is the original the copies follow: {CHAPTERS}"


@pytest.mark.parametrize("module", SHARED)
@pytest.mark.parametrize("chapter", CHAPTERS[1:])
def test_simplejwt_module_matches_chapter_03s(chapter, module):
    copy, original = ROOT / chapter / module, ROOT / CHAPTERS[0] / module
    assert copy.read_bytes() == original.read_bytes(), f"{chapter}/{module} differs from 03's"


@pytest.mark.parametrize("chapter", CHAPTERS[1:])
def test_revocation_models_start_like_chapter_03s(chapter):
    """04 and 05 may add models after these; the first ones are 03's, unchanged."""
    original = (ROOT / CHAPTERS[0] / "accounts/models.py").read_text()
    copy = (ROOT / chapter / "accounts/models.py").read_text()
    assert copy.startswith(original), f"{chapter}/accounts/models.py does not start with 03's"
