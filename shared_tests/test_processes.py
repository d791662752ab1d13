"""The suite's fresh processes (shared_tests/processes.py): run to the end, or started.

The servers (the threaded dev server, gunicorn, runserver for the HTTP runs) and the
key-file race start their processes through `start_in_chapter`, forked from the fork
server on Linux. These are the promises they rely on: the output reaches the log, the
exit status comes back, and a stop stops.
"""

import signal

import pytest

from .processes import clean_environment, run_in_chapter, start_in_chapter

pytestmark = pytest.mark.in_process("checks the test process's own helpers")


def test_a_run_answers_its_output_and_exit_status():
    result = run_in_chapter("-c", "import sys; print('out'); sys.exit(3)")
    assert result.returncode == 3, "the exit status of the process"
    assert result.stdout == "out\n"


def test_a_started_process_writes_its_log_and_answers_its_exit_status(tmp_path):
    log = tmp_path / "started.log"
    process = start_in_chapter(
        ["-c", "print('started'); raise SystemExit(4)"], clean_environment(), log
    )
    assert process.wait(timeout=30) == 4, "the exit status of the process"
    assert log.read_text() == "started\n"


def test_a_started_module_runs_as_its_main_with_its_arguments(tmp_path):
    log = tmp_path / "module.log"
    process = start_in_chapter(["-m", "calendar", "2026", "1"], clean_environment(), log)
    assert process.wait(timeout=30) == 0, log.read_text()
    assert "January 2026" in log.read_text(), "`python -m calendar 2026 1` prints that month"


def test_a_started_process_reads_its_own_environment(tmp_path):
    log = tmp_path / "env.log"
    code = "import os; print(os.environ['ONLY_HERE'])"
    process = start_in_chapter(["-c", code], clean_environment() | {"ONLY_HERE": "yes"}, log)
    assert process.wait(timeout=30) == 0, log.read_text()
    assert log.read_text() == "yes\n"


def test_a_started_process_runs_until_it_is_stopped(tmp_path):
    process = start_in_chapter(
        ["-c", "import signal; signal.pause()"], clean_environment(), tmp_path / "log"
    )
    assert process.poll() is None, "still running: nothing has stopped it"
    process.terminate()
    assert process.wait(timeout=30) == -signal.SIGTERM
