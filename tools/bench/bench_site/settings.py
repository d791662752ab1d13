"""The chapter's own settings, unchanged but for who picks the authentication classes.

Same URLs, middleware, throttles, database and cache. Every variant, the baseline
included, requests the same paths, so resolving a URL costs all of them the same; a
header picks the authentication classes (bench_site/authentication.py).
"""

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK

# What a request without the bench's header gets: the chapter's own classes.
CHAPTER_AUTHENTICATION_CLASSES = REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ["bench_site.authentication.ChosenAuthentication"],
}
