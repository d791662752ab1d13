"""The cached `TokenAuthentication` is the same, byte for byte, in every chapter with keys.

02 and 04 both hand out DRF's token keys and remember each key's user in the shared
cache (`accounts/authentication.py`, with the tombstones of `accounts/token_cache.py`).
A fix made in one copy and not the other would leave one chapter's keys alive after a
logout.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.in_process("sends no request: it compares the chapters' files")

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = "02_token"
# Every chapter that authenticates with DRF's keys, so a new one cannot leave its copies out.
CHAPTERS = sorted(
    path.parent.parent.name
    for path in ROOT.glob("[0-9][0-9]_*/config/settings.py")
    if "accounts.authentication.TokenAuthentication" in path.read_text()
)
SHARED = ["accounts/authentication.py", "accounts/token_cache.py"]


def test_the_token_chapters_are_found():
    assert CHAPTERS == [ORIGINAL, "04_djoser"], f"02 is the original 04 copies: {CHAPTERS}"


@pytest.mark.parametrize("module", SHARED)
def test_token_module_matches_chapter_02s(module):
    copy, original = ROOT / "04_djoser" / module, ROOT / ORIGINAL / module
    assert copy.read_bytes() == original.read_bytes(), f"04_djoser/{module} differs from 02's"
