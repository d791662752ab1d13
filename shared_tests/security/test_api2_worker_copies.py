"""OWASP API2: a worker's own copy of a remembered credential lives only while Redis says so.

With Redis, each worker keeps a copy of what it read from the credential cache and
serves it without a round trip, until Redis pushes that the key changed
(`api/near_cache.py`). These tests hold the copies to that: a change made by anyone
drops them before the next lookup, and whenever the worker cannot be sure it has heard
everything (a flush, a lost connection, too much news at once, news during a read), it
keeps nothing. They need Redis, so they run in the `postgres` session and skip in the
default suite.
"""

import pickle

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from api import credential_cache, near_cache

pytestmark = [
    pytest.mark.in_process("reads and writes the test process's Redis directly"),
    pytest.mark.skipif(
        not settings.CREDENTIAL_NEAR_CACHE_SIZE,
        reason="worker copies need Redis (REDIS_URL): the postgres session runs these",
    ),
]

KEY = credential_cache.key("test", "a credential")
OTHER = credential_cache.key("test", "another credential")
TRIES = 50  # attempts at a test of a copy that pushes from elsewhere may disturb


class Loads:
    """A `load` for `recall` that counts its calls: each is a trip to the database."""

    def __init__(self, answer):
        self.answer, self.calls = answer, 0

    def __call__(self):
        self.calls += 1
        return self.answer


class Unreachable:
    """The shared cache, gone: any call to it fails, so `recall` asks the database."""

    def __getattr__(self, name):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture(autouse=True)
def new_worker(monkeypatch):
    """Each test starts as a worker that has just started: no copies, no connection yet."""
    monkeypatch.setattr(near_cache, "_copies", {})
    cache.clear()


def keep_a_copy():
    """`KEY` remembered in Redis and copied by this worker (a miss, then a Redis hit).

    Tried again if a push dropped it meanwhile. A Redis server's pushes are not per
    database: another process's tests on the same server (CI runs two sessions at once)
    drop this worker's copies too. Tests of what a copy does are tried again likewise.
    """
    for _ in range(TRIES):
        load = Loads({"user": "alice"})
        cache.delete(KEY)
        credential_cache.recall([KEY], load)  # a miss: the database, then Redis
        near_cache.settle()  # that write's push has arrived: no news during the next read
        credential_cache.recall([KEY], load)  # from Redis: copied
        if near_cache.get([KEY]) == {"user": "alice"}:
            return load
    pytest.fail(f"no copy was kept in {TRIES} tries")


@pytest.fixture
def kept():
    return keep_a_copy()


def another_worker():
    """A client of the same Redis, as another worker's would be."""
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def recall_again(load):
    return credential_cache.recall([KEY], load)


def test_a_kept_copy_is_served_without_asking_redis(monkeypatch):
    for _ in range(TRIES):
        load = keep_a_copy()
        news = near_cache.ticket()  # how many pushes this worker has heard of
        with monkeypatch.context() as patched:
            patched.setattr(credential_cache, "cache", Unreachable())  # else: the database
            recall_again(load)
        if near_cache.ticket() == news:  # else a push from elsewhere dropped the copy
            break
    assert load.calls == 1, "a kept answer was looked up again"


def test_each_request_gets_a_copy_of_its_own(kept):
    recall_again(kept)["user"] = "mallory"  # a view changing what it was given
    assert recall_again(kept) == {"user": "alice"}


def test_a_tombstone_written_by_another_worker_ends_the_copy(kept):
    credential_cache.forget([KEY])  # the tombstone, then `settle`'s round trips
    recall_again(kept)
    assert kept.calls == 2, "a revoked answer was served from the worker's copy"


def test_any_write_by_another_worker_ends_the_copy(kept):
    another_worker().set(cache.make_key(KEY), pickle.dumps({"user": "bob"}))
    near_cache.settle()
    assert recall_again(kept) == {"user": "bob"}


def test_a_flushed_redis_ends_every_copy(kept):
    another_worker().flushdb()
    near_cache.settle()
    recall_again(kept)
    assert kept.calls == 2, "a copy outlived the flush of its Redis"


def test_a_lost_connection_serves_no_copy(kept):
    host, port = near_cache._mine().connection._sock.getsockname()  # this worker's, only
    another_worker().client_kill_filter(addr=f"{host}:{port}")
    assert near_cache.get([KEY]) is near_cache.MISSING


def test_too_much_news_at_once_ends_every_copy(kept):
    client = another_worker()
    names = [cache.make_key(credential_cache.key("test", n)) for n in range(near_cache.BEHIND)]
    client.mset(dict.fromkeys(names, b"0"))  # none of them ours, but Redis may hold more
    near_cache.settle()
    assert near_cache.get([KEY]) is near_cache.MISSING


def test_news_during_a_read_keeps_no_copy():
    credential_cache.recall([OTHER], Loads("bob"))  # in Redis now
    ticket = near_cache.ticket()
    another_worker().set(cache.make_key(KEY), b"0")  # news, while `OTHER` is being read
    near_cache.settle()
    near_cache.keep([OTHER], "bob", ticket, 60)
    assert near_cache.get([OTHER]) is near_cache.MISSING


def test_a_quiet_connection_is_asked_before_a_copy_is_served(kept):
    near_cache._mine().heard -= 60  # a minute without a word from Redis: is it still there?
    assert near_cache.get([KEY]) is near_cache.MISSING


def test_its_answer_serves_the_copies_again():
    for _ in range(TRIES):
        keep_a_copy()
        near_cache._mine().heard -= 60
        near_cache.get([KEY])  # sends the PING
        near_cache.settle()  # its PONG has arrived by now
        served = near_cache.get([KEY])
        if served is not near_cache.MISSING:  # else a push from elsewhere dropped the copy
            break
    assert served == {"user": "alice"}
