"""The environment the chapter runs in under the bench, and this process becoming it.

The bench process runs the chapter too (migrations, logins, query counts), on the same
throwaway database and secret key as gunicorn, so a key, a JWT or a session row it makes
is valid there. It becomes the chapter once, first, before anything imports Django's
settings; gunicorn gets the same environment.
"""

import os
import secrets
import sys
from pathlib import Path

import django

from .sizes import USERNAME

HERE = Path(__file__).resolve().parent  # bench_site/, the settings both processes use

# Left to the settings' defaults in this process: its own connection age, the local cache.
UNSET = ("DJANGO_CONN_MAX_AGE", "REDIS_URL")


def bench_env(folder):
    """Production mode behind a TLS proxy, throttles out of the way, a throwaway database."""
    unlimited = "1000000/second"
    return {
        "DJANGO_SETTINGS_MODULE": "bench_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "THROTTLE_ANON": unlimited,
        "THROTTLE_USER": unlimited,
        "THROTTLE_TEN": unlimited,
        "THROTTLE_LOGIN": unlimited,
        "BENCH_USERNAME": USERNAME,
        "PYTHONPATH": os.pathsep.join([str(HERE), os.getcwd()]),
    }


def become_chapter(env):
    """Sets this process up as the chapter under `env`: environment, import path, Django."""
    for name in UNSET:
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path[:0] = [str(HERE), os.getcwd()]
    django.setup()
