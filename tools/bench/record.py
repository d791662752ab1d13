"""The JSON record of one chapter's bench: results, and what they were measured on.

render.py reads these records; a number means little without the machine, the versions
and the sizes it was measured with, so each record carries them.
"""

import contextlib
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from . import sizes

# What a request runs through, where the chapter installs it.
PACKAGES = [
    "Django",
    "djangorestframework",
    "djangorestframework-simplejwt",
    "PyJWT",
    "djoser",
    "dj-rest-auth",
    "django-allauth",
    "gunicorn",
]


def versions():
    found = {"Python": platform.python_version()}
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    banner = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    found["wrk"] = banner.split()[1] if banner else "?"
    return found


def machine():
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count()}


def record(chapter, started, elapsed, load_before, variants, measured):
    """The record of one chapter; `measured` is what measure.measure_chapter answers."""
    return {
        "chapter": chapter,
        "started": started,
        "elapsed_s": elapsed,
        "load_before": load_before,
        "machine": machine(),
        "versions": versions(),
        "settings": {
            "default_conn_max_age": measured.default_conn_max_age,
            "credential_cache_seconds": measured.credential_cache_seconds,
            "near_cache_size": measured.near_cache_size,
            "workers": sizes.WORKERS,
            "connections": sizes.CONNECTIONS,
            "rounds": sizes.ROUNDS,
            "other_rounds": sizes.OTHER_ROUNDS,
            "seconds": sizes.SECONDS,
            "warmup_requests": sizes.WARMUP_REQUESTS,
            "short_seconds": sizes.SHORT_SECONDS,
            "profile": sizes.PROFILE,
        },
        "variants": [
            {
                "name": v.name,
                "floor": v.floor,
                "target": v.target,
                "short": v.short,
                "peer_of": v.peer_of,
            }
            for v in variants
        ],
        "queries": measured.queries,
        "results": measured.results,
    }


def write(output, data):
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(data, indent=2) + "\n")
