"""The chapter's own settings, unchanged but for the URLs (see bench_site/urls.py).

Same middleware, same throttles, same database and cache: the baseline routes differ
from the chapter's only in their authentication classes.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_site.urls"
