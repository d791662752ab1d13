"""The settings of a chapter the suite tests over HTTP: the chapter's own, with the suite's
fast hasher, emails written to files the tests read, and a cache they can clear.

- `SUITE_EMAIL_DIR`: the folder the test process reads (file_outbox.py's `mailoutbox`),
  so a test that follows an emailed link runs over HTTP too.
- `SUITE_CACHE_DIR`: a file cache that the test process uses too (http_mode.py), so the
  `cache.clear()` before each test resets the server's counters (throttles, allauth's
  rate limits), as it does in process. A `REDIS_URL` both processes name does the same.
"""

import os

from shared_tests.production.fast_hasher_settings import *  # noqa: F403
from shared_tests.transport.shared_cache import file_cache

if os.environ.get("SUITE_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["SUITE_EMAIL_DIR"]

if os.environ.get("SUITE_CACHE_DIR"):
    CACHES = file_cache(os.environ["SUITE_CACHE_DIR"])
