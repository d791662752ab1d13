"""Reads settings from environment variables, refusing values that mean nothing.

A typo in a variable must stop the server at start-up with a sentence naming the
variable and what it accepts, not a `ValueError` from deep inside an import, and not a
500 at the first request that needs the value (a throttle rate is parsed only then).
"""

import os
import re

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
# DRF's own format: a count, a slash, and a period it reads by its first letter.
RATE = re.compile(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)")
DATABASE_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


def _raw(name, default):
    """The variable's value, stripped; unset or empty means `default`."""
    value = os.environ.get(name, "").strip()
    return value if value else default


def refuse(name, value, accepted):
    """The error for a bad value; `value=None` keeps it out of the message (a password)."""
    shown = f"{name}={value!r}" if value is not None else name
    return ImproperlyConfigured(f"{shown} is not valid: {name} accepts {accepted}.")


def env_bool(name, default=False):
    """1/true/yes/on or 0/false/no/off, in any case; anything else is refused."""
    value = _raw(name, None)
    if value is None:
        return default
    if value.lower() in TRUE | FALSE:
        return value.lower() in TRUE
    raise refuse(name, value, "1 (on) or 0 (off)")


def env_int(name, default, minimum=0):
    """A whole number, `minimum` or more."""
    value = _raw(name, None)
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]+", value) or int(value) < minimum:
        raise refuse(name, value, f"a whole number of {minimum} or more")
    return int(value)


def env_rate(name, default):
    """A throttle rate as DRF reads it: `5/minute`, `100/hour`, `2/s`..."""
    value = _raw(name, default)
    if not RATE.fullmatch(value):
        raise refuse(name, value, "a rate such as 5/minute, 100/hour or 2/second")
    return value


def env_secret(name, minimum_length=50):
    """A secret key, or None when unset; a short one is refused, never shown.

    Django's deployment check asks for 50 characters or more; a key shorter than that
    is one a person typed, and could guess again.
    """
    value = _raw(name, None)
    if value is not None and len(value) < minimum_length:
        raise refuse(name, None, f"a random string of {minimum_length} characters or more")
    return value


def env_list(name, default):
    """Comma-separated values, blanks dropped."""
    return [item.strip() for item in _raw(name, default).split(",") if item.strip()]


def env_database(name, default, **options):
    """A database URL for SQLite or PostgreSQL, as Django's DATABASES entry.

    The message never repeats the URL: it may hold the database's password.
    """
    accepted = "sqlite:///path/to/file.sqlite3 or postgres://user:password@host:port/name"
    try:
        database = dj_database_url.parse(_raw(name, default), **options)
    except ValueError:  # dj_database_url's ParseError and UnknownSchemeError
        raise refuse(name, None, accepted) from None
    if database["ENGINE"] not in DATABASE_ENGINES or not database["NAME"]:
        raise refuse(name, None, accepted)
    return database
