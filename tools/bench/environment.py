"""The environment the chapter runs in under the bench, and this process becoming it.

The bench process runs the chapter too (migrations, logins, query counts), on the same
throwaway database, secret key and Redis as gunicorn, so a key, a JWT or a session row it
makes is valid there. It becomes the chapter once, first, before anything imports
Django's settings; gunicorn gets the same environment.

Redis, as in production: the credential cache (api/credential_cache.py) is on only with
a cache every worker shares. Without one the bench still runs, with the cache off, and
the report says so.
"""

import os
import secrets
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import django

from .sizes import USERNAME

HERE = Path(__file__).resolve().parent  # bench_site/, the settings both processes use

# Left to the settings' defaults in this process: its own connection age.
UNSET = ("DJANGO_CONN_MAX_AGE", "REDIS_URL")

# The bench's own Redis db: the production leg uses 8 to 15 (noxfile.py's REDIS_DB).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


def redis_answers(url):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=2).close()
    except OSError:
        return False
    return True


def bench_env(folder):
    """Production mode behind a TLS proxy, throttles out of the way, a throwaway database,
    Redis where one answers."""
    unlimited = "1000000/second"
    redis = {"REDIS_URL": REDIS_URL} if redis_answers(REDIS_URL) else {}
    if not redis:
        print(f"  no Redis at {REDIS_URL} (BENCH_REDIS_URL): the credential cache is off")
    return {
        **redis,
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
    from django.core.cache import cache

    cache.clear()  # nothing remembered from another chapter's run
