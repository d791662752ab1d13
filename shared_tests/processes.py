"""Runs the chapter in a fresh process, for settings that are fixed at import time."""

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


def settings_value(expression, **env):
    """Evaluates `expression` on `django.conf.settings` in a fresh process, as text."""
    code = f"from django.conf import settings as s; print(s.{expression})"
    result = run_in_chapter("-c", code, DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
