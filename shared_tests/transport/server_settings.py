"""The settings of a chapter the suite serves itself (`--serve`): the chapter's own, with
the suite's fast hasher, and emails written to files the tests read.

The test process reads the folder `SUITE_EMAIL_DIR` names (http_mode.py's `mailoutbox`),
so a test that follows an emailed link runs over HTTP too.
"""

import os

from shared_tests.production.fast_hasher_settings import *  # noqa: F403

if os.environ.get("SUITE_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["SUITE_EMAIL_DIR"]
