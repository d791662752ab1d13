"""Who a credential belongs to, remembered in the shared cache: a request without a query.

Why: finding the user behind a token key, a JWT or a session is a database query on every
request, and that query, with the Python around it, costs about as much as the rest of
the request put together (docs/bench.md). Remembered in Redis, a request whose credential
was seen before costs one cache read instead.

The price is revocation: an answer remembered before a logout must not outlive it.

- Every revocation writes a tombstone over the entries it ends, *before* its own change
  is made (a `pre_save` or `pre_delete` receiver, or before an `update()`). A request that
  read the database before the change cannot put its answer back: `cache.add` never
  replaces a tombstone, and a tombstone is never served.
- If the tombstone cannot be written (the cache is down), the revocation raises
  `CacheUnavailable` (a 503) before changing anything: an answer left behind in a cache
  that comes back could be served again.
- If the cache cannot be read, the request asks the database: slower, never wrong.

A worker also keeps its own copy of what it read, served with no round trip until Redis
pushes that one of its keys changed (`api.near_cache`); `forget` waits until every
worker has been told.

Only with a cache every worker shares. With local memory each worker keeps its own copy,
and a tombstone written by one worker never reaches the copies of the others, so
`CREDENTIAL_CACHE_SECONDS` is 0 (off) there (api/base_settings.py).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from rest_framework import status
from rest_framework.exceptions import APIException

from . import near_cache

logger = logging.getLogger(__name__)

TOMBSTONE = "revoked"
ALIVE = "alive"  # what the second and later keys of an entry hold


class CacheUnavailable(APIException):
    """A revocation could not reach the shared cache, so it did not happen: try again."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The credential cache cannot be reached; nothing was changed. Try again."
    default_code = "cache_unavailable"


def seconds():
    """How long an answer is remembered; 0 turns the cache off."""
    return getattr(settings, "CREDENTIAL_CACHE_SECONDS", 0)


def key(kind, value):
    """The cache key of one credential: a digest, so no secret is ever a key in Redis."""
    return near_cache.PREFIX + hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()


def recall(keys, load):
    """`load()`'s answer, remembered under `keys[0]`; the other keys say it is still alive.

    An entry is served only while every one of its keys holds a value and none holds a
    tombstone, so writing a tombstone over any one of them ends it. `load` raising (a
    refused credential) is never remembered.
    """
    if not seconds():
        return load()
    kept = near_cache.get(keys)  # this worker's own copy, while Redis would push a change
    if kept is not near_cache.MISSING:
        return kept
    ticket = near_cache.ticket()
    try:
        found = cache.get_many(keys)
    except Exception:  # the cache is down: the database decides
        logger.warning("credential cache unreadable; asking the database", exc_info=True)
        return load()
    if len(found) == len(keys) and TOMBSTONE not in found.values():
        near_cache.keep(keys, found[keys[0]], ticket, seconds())
        return found[keys[0]]
    answer = load()
    if TOMBSTONE not in found.values():  # `add`, so a tombstone written meanwhile stays
        try:
            for name in keys:
                if name not in found:
                    cache.add(name, answer if name == keys[0] else ALIVE, seconds())
        except Exception:
            logger.warning("credential cache unwritable", exc_info=True)
    return answer


def changes_an_answer(user, update_fields):
    """Whether saving `user` may change an answer remembered for their credentials.

    A login stamps `last_login` (`update_fields=["last_login"]`), and no answer reads it:
    a tombstone then would keep every user who just logged in out of the cache.
    """
    return user.pk is not None and not (update_fields and set(update_fields) <= {"last_login"})


def forget(keys):
    """Tombstones over `keys`, before the change that revokes them is made.

    Raises `CacheUnavailable` if the cache cannot be told: the caller must then change
    nothing. Tombstones outlive any entry they cover, so a late `add` cannot land.
    """
    if not seconds() or not keys:
        return
    try:
        cache.set_many(dict.fromkeys(keys, TOMBSTONE), 2 * seconds())
        near_cache.settle()  # by its end, every worker has heard of the tombstones
    except Exception as error:
        logger.error("credential cache unwritable: revocation refused", exc_info=True)
        raise CacheUnavailable() from error
