"""A bad setting stops start-up with a sentence naming it (issue 14 item 4).

OWASP API8:2023 Security Misconfiguration: a typo in an environment variable must not
start a server that crashes at its first request (a throttle rate is parsed only then)
or, worse, quietly means something else (`DJANGO_DEBUG=ture`). `api/environment.py`
refuses it with `ImproperlyConfigured`, naming the variable and what it accepts.
"""

import pytest

from ..processes import run_in_chapter

pytestmark = pytest.mark.in_process("sends no request: it starts processes of its own")

# (variable, bad value, what the message says it accepts)
BAD_VALUES = [
    ("DJANGO_DEBUG", "maybe", "accepts 1 (on) or 0 (off)"),
    ("DJANGO_TLS_PROXY", "2", "accepts 1 (on) or 0 (off)"),
    ("DJANGO_CONN_MAX_AGE", "a minute", "accepts a whole number of 0 or more"),
    ("DJANGO_CONN_MAX_AGE", "-1", "accepts a whole number of 0 or more"),
    ("DJANGO_NUM_PROXIES", "one", "accepts a whole number of 0 or more"),
    ("THROTTLE_ANON", "5/fortnight", "accepts a rate such as 5/minute"),
    ("THROTTLE_USER", "five/minute", "accepts a rate such as 5/minute"),
    ("THROTTLE_TEN", "10", "accepts a rate such as 5/minute"),
    ("THROTTLE_LOGIN", "5/minute/ip", "accepts a rate such as 5/minute"),
    ("DATABASE_URL", "mysqll://db/name", "accepts sqlite:///path/to/file.sqlite3 or postgres://"),
    ("DATABASE_URL", "postgres://me:pw@db:port/name", "accepts sqlite:///path/to/file.sqlite3"),
    ("DJANGO_SECRET_KEY", "lemon-secret", "accepts a random string of 50 characters or more"),
]


@pytest.mark.parametrize(
    ("name", "value", "accepted"), BAD_VALUES, ids=[f"{n}={v}" for n, v, _ in BAD_VALUES]
)
def test_bad_value_stops_start_up_naming_the_variable(name, value, accepted):
    """API8: `manage.py check` fails with ImproperlyConfigured naming `name`."""
    result = run_in_chapter("manage.py", "check", **{name: value})
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"django.core.exceptions.ImproperlyConfigured: {name}")
    assert accepted in last_line, last_line


@pytest.mark.parametrize(
    ("name", "value"),
    [("DATABASE_URL", "postgres://me:hunter2@db:x/n"), ("DJANGO_SECRET_KEY", "hunter2")],
)
def test_secrets_are_never_repeated_in_the_error(name, value):
    """API8: the message leaves out a key, or a URL that may hold a password."""
    assert "hunter2" not in run_in_chapter("manage.py", "check", **{name: value}).stderr


@pytest.mark.parametrize("value", ["True", "no", ""])
def test_usual_spellings_of_on_and_off_are_accepted(value):
    """API8: 1/0, true/false and yes/no (any case) all start the server; empty is unset."""
    assert run_in_chapter("manage.py", "check", DJANGO_TLS_PROXY=value).returncode == 0
