"""Runs the chapter in a fresh process, for settings that are fixed at import time."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

# What production mode needs: debug off and a real secret key (see api/base_settings.py).
PRODUCTION_ENV = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}


def run_in_chapter(*args, **env):
    """Runs `python *args` in the chapter folder with a clean Django environment plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def settings_values(names, **env):
    """The settings `names` in a fresh process, as text: {name: str(value)}.

    One process for all of them: each start costs the time it takes to set Django up.
    """
    code = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({name: str(getattr(settings, name)) for name in sys.argv[1:]}))"
    )
    result = run_in_chapter("-c", code, *names, DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def settings_value(name, **env):
    """One setting in a fresh process, as text."""
    return settings_values([name], **env)[name]
