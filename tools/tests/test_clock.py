"""clock.py: a script run with every clock ahead, including clocks it kept before."""

import json
import sys
import time

import pytest
import time_machine

from tools.walkthrough.clock import run_ahead

SCRIPT = """
import datetime, json, pathlib, sys, time


class Throttle:
    timer = time.time  # as DRF keeps it: a reference taken at import


pathlib.Path(sys.argv[1]).write_text(json.dumps({
    "argv": sys.argv,
    "path": sys.path[0],
    "time": time.time(),
    "kept": Throttle.timer(),
    "now": datetime.datetime.now(datetime.timezone.utc).timestamp(),
}))
"""


@pytest.fixture(autouse=True)
def own_argv_and_path(monkeypatch):
    """run_ahead sets sys.argv and sys.path as `python script.py` would: on copies here."""
    monkeypatch.setattr(sys, "argv", sys.argv[:])
    monkeypatch.setattr(sys, "path", sys.path[:])


def run(tmp_path, seconds):
    script, out = tmp_path / "script.py", tmp_path / "out.json"
    script.write_text(SCRIPT)
    run_ahead(seconds, [str(script), str(out)])
    return json.loads(out.read_text())


def test_time_is_ahead(tmp_path):
    before = time.time()
    assert run(tmp_path, 300)["time"] - before >= 300


def test_a_reference_to_time_taken_before_is_ahead_too(tmp_path):
    before = time.time()
    assert run(tmp_path, 300)["kept"] - before >= 300


def test_datetime_now_is_ahead(tmp_path):
    before = time.time()
    assert run(tmp_path, 300)["now"] - before >= 300


def test_the_script_gets_its_own_arguments(tmp_path):
    assert run(tmp_path, 300)["argv"] == [str(tmp_path / "script.py"), str(tmp_path / "out.json")]


def test_the_script_finds_imports_beside_itself_as_under_python(tmp_path):
    assert run(tmp_path, 300)["path"] == str(tmp_path)


def test_the_clocks_are_real_again_afterwards(tmp_path):
    run(tmp_path, 300)
    assert not time_machine.escape_hatch.is_travelling()
