"""dev.py's side-by-side runs: which arguments ask for one, and which session goes next."""

import dev

SESSIONS = {
    "http(01_basic_session)": {"runserver-ports"},
    "http(02_token)": {"runserver-ports"},
    "postgres(01_basic_session)": {"01_basic_session-services"},
    "workers(01_basic_session)": {"workers-ports", "01_basic_session-services"},
    "lint": set(),
}


def running(*names):
    """dev.py's `running`: slot -> (index, name, process, start)."""
    return {slot: (slot, name, None, 0.0) for slot, name in enumerate(names)}


def test_jobs_are_taken_out_of_the_arguments():
    assert dev.split_jobs(["--jobs", "3", "-s", "lint"]) == (3, ["-s", "lint"])


def test_no_jobs_option_leaves_the_arguments_alone():
    assert dev.split_jobs(["-s", "lint"]) == (None, ["-s", "lint"])


def test_named_sessions_and_their_pytest_arguments_are_split():
    assert dev.split_sessions(["-s", "http", "fuzz", "--", "-x"]) == (["http", "fuzz"], ["-x"])


def test_other_nox_options_are_not_a_side_by_side_run():
    assert dev.split_sessions(["-s", "http", "-r"]) == (None, ["-s", "http", "-r"])


def test_a_session_waits_while_another_holds_its_tag():
    waiting = [(1, "http(02_token)"), (4, "lint")]
    taken = dev.next_session(waiting, running("http(01_basic_session)"), SESSIONS)
    assert taken == (4, "lint"), "lint goes first: http(02_token) shares runserver-ports"


def test_a_waiting_session_stays_in_the_queue():
    waiting = [(1, "http(02_token)"), (4, "lint")]
    dev.next_session(waiting, running("http(01_basic_session)"), SESSIONS)
    assert waiting == [(1, "http(02_token)")]


def test_one_shared_tag_is_enough_to_wait():
    waiting = [(3, "workers(01_basic_session)")]
    taken = dev.next_session(waiting, running("postgres(01_basic_session)"), SESSIONS)
    assert taken is None, "workers waits for postgres: both hold 01's databases"


def test_sessions_without_a_common_tag_run_together():
    waiting = [(1, "http(02_token)")]
    taken = dev.next_session(waiting, running("postgres(01_basic_session)"), SESSIONS)
    assert taken == (1, "http(02_token)")
