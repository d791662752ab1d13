"""Gunicorn configuration for the production tests: `gunicorn -c gunicorn_hooks.py ...`.

Gunicorn's own "Booting worker" line is logged before the worker has loaded Django; a
test that starts sending then may find some workers not ready. This hook says when one is.
"""

READY = "Worker ready"


def post_worker_init(worker):
    worker.log.info("%s (pid: %s)", READY, worker.pid)
