"""One cache for the server and the test process, so that clearing it resets both.

In process, the suite clears the cache before each test: throttle counters, the failed
Basic attempts, allauth's rate limits start from nothing. A server in another process
keeps its own local-memory cache, so a test would meet the counters of the tests before
it. Over HTTP both processes therefore use a file cache in one folder (`SUITE_CACHE_DIR`),
unless both name the same Redis (`REDIS_URL`, the production leg).
"""


def file_cache(folder):
    """Django's CACHES for a file cache in `folder`."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": folder,
        }
    }
