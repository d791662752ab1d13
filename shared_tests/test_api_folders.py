"""The domain app is the same, byte for byte, in every chapter."""

import hashlib
from pathlib import Path

import pytest

pytestmark = pytest.mark.in_process("sends no request: it compares the chapters' files")

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(path.parent for path in ROOT.glob("[0-9][0-9]_*/api"))


def fingerprint(api):
    return {
        str(path.relative_to(api)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(api.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.skipif(len(CHAPTERS) < 2, reason="only one chapter: nothing to compare")
@pytest.mark.parametrize("chapter", CHAPTERS[1:], ids=lambda path: path.name)
def test_api_folder_matches_the_first_chapter(chapter):
    assert fingerprint(chapter / "api") == fingerprint(CHAPTERS[0] / "api")
