"""Modules two chapters share are the same, byte for byte, in both.

A chapter is self-contained, so where two strategies need the same code, each carries a
copy: 02 and 04 remember DRF's token keys in the shared cache (`authentication.py`, with
the tombstones of `token_cache.py`); 01 and 07 remember session rows and their users
(`session_cache.py`, `user_cache.py`). A fix made in one copy and not the other would
leave one chapter's credentials alive after a logout. (The SimpleJWT chapters have
test_simplejwt_modules.py.)
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.in_process("sends no request: it compares the chapters' files")

ROOT = Path(__file__).resolve().parent.parent
COPIES = {
    # module: (the original's chapter, the copy's)
    "accounts/authentication.py": ("02_token", "04_djoser"),
    "accounts/token_cache.py": ("02_token", "04_djoser"),
    "accounts/session_cache.py": ("01_basic_session", "07_passkeys_mfa"),
    "accounts/user_cache.py": ("01_basic_session", "07_passkeys_mfa"),
}


@pytest.mark.parametrize("module", sorted(COPIES))
def test_copied_module_matches_the_original(module):
    original, copy = (ROOT / chapter / module for chapter in COPIES[module])
    assert copy.read_bytes() == original.read_bytes(), f"{copy} differs from {original}"
