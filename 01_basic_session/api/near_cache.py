"""Each worker's own copy of the credential cache's answers, which Redis keeps honest.

Why: with `api.credential_cache` a credential seen before costs one Redis read, and that
read is most of what a revocable credential still costs (docs/bench.md): the worker's
CPU for the round trip, Redis's own, and the switches between the two processes on the
same cores. Redis can instead tell a worker when a key changes ("client-side caching",
`CLIENT TRACKING ... BCAST`), so the worker may answer from its own memory until then.

Why a revocation is still refused at once, by every worker:

- Each worker keeps one more connection, on which Redis pushes the name of every
  `credential:` key that anyone writes, deletes or lets expire. Before each lookup the
  worker reads what has arrived (a poll that does not wait) and drops those copies.
- A revocation's tombstones are followed by two more round trips (`settle`). Redis
  writes every pending push to its socket before it reads a client's next command, so
  when the revoking request answers, every worker already holds the news.
- Copies are served only while that connection is up and the worker is not behind. A
  lost connection, an error, or a drain of many keys at once (Redis may still hold more
  for a worker that read nothing for a long while) empties them, and until the
  connection is back nothing is served from memory: Redis and the database still answer.
- A copy is kept only if no news arrived between its read from Redis and its keeping.
- A connection that has been quiet for a second is asked (a PING) whether it is still
  there; until it answers, nothing is served from memory, so a network that silently
  drops the connection costs at most a second or so of news.
- Copies are kept pickled, so each request gets objects of its own, as from Redis.

Only with Redis (`CREDENTIAL_NEAR_CACHE_SIZE`, api/base_settings.py). Without the pushes
a worker could not know of another's logout, which is why local memory is no cache here.
"""

import contextlib
import logging
import os
import pickle
import select
import threading
import time
from collections import OrderedDict

import redis
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

MISSING = object()  # `get`'s answer when no copy can be served
BEHIND = 256  # keys in one drain that say the worker may not have heard everything yet
RETRY_SECONDS = 1.0  # how often a worker without the connection tries to open it again
FRESH_SECONDS = 1.0  # how long a worker trusts a quiet connection before it asks again
DEAF_SECONDS = 5.0  # how long it waits for the answer before giving the connection up
PREFIX = "credential:"  # what every key of `api.credential_cache` begins with


def size():
    """How many answers a worker keeps; 0 turns the copies off."""
    return getattr(settings, "CREDENTIAL_NEAR_CACHE_SIZE", 0)


class WorkerCopies:
    """One process's copies, the connection that keeps them honest, and a lock for threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.copies = OrderedDict()  # tuple of cache keys -> (deadline, pickled answer)
        self.holders = {}  # one cache key -> the tuples of keys whose copies it ends
        self.head = None  # what Django puts before a cache key in Redis (":1:")
        self.news = 0  # how many pushes arrived: a read from before one is not kept
        self.connection = None
        self.poller = None
        self.heard = 0.0  # when Redis last said anything on the connection
        self.pinged = None  # when a PING was sent that has not been answered yet
        self.next_attempt = 0.0

    # --- Serving ------------------------------------------------------------------------

    def get(self, names):
        """The answer kept for these cache keys, or `MISSING`."""
        with self.lock:
            if not self._listening():
                return MISSING
            kept = self.copies.get(names)
            if kept is None:
                return MISSING
            if kept[0] < time.monotonic():  # no older than one cache lifetime
                self._drop(names)
                return MISSING
            self.copies.move_to_end(names)
            return pickle.loads(kept[1])

    def ticket(self):
        """Taken before a Redis read whose answer may be kept: None if none may be."""
        with self.lock:
            return self.news if self._listening() else None

    def keep(self, names, answer, ticket, seconds):
        """Keep `answer` for `names`, unless news arrived since `ticket` was taken."""
        with self.lock:
            if not self._listening() or ticket != self.news:  # drained first, then compared
                return
            self._drop(names)
            self.copies[names] = (time.monotonic() + seconds, pickle.dumps(answer, -1))
            for name in names:
                self.holders.setdefault(name, set()).add(names)
            while len(self.copies) > size():
                self._drop(next(iter(self.copies)))

    # --- Listening ----------------------------------------------------------------------

    def _listening(self):
        """Whether copies may be served: connected, with every push so far applied, and
        Redis heard from within `FRESH_SECONDS`."""
        if self.connection is None and not self._connect():
            return False
        try:
            if self.poller.poll(0):  # something arrived: apply it before any lookup
                self._drain()
            return self._fresh()
        except Exception:
            logger.warning("credential pushes lost; worker copies dropped", exc_info=True)
            self._disconnect()
            return False

    def _fresh(self):
        """A silent network (no reset, no close) would leave a worker deaf without knowing
        it, so after `FRESH_SECONDS` without a word from Redis it asks: a PING on this
        connection, whose PONG comes after every push queued before it. Until the PONG,
        or the connection is given up, no copy is served."""
        now = time.monotonic()
        if now - self.heard <= FRESH_SECONDS:
            return True
        if self.pinged is None:
            self.connection.send_command("PING")
            self.pinged = now
        elif now - self.pinged > DEAF_SECONDS:
            raise ConnectionError(f"no PONG from Redis in {DEAF_SECONDS} s")
        return False

    def _connect(self):
        if time.monotonic() < self.next_attempt:
            return False
        self.next_attempt = time.monotonic() + RETRY_SECONDS
        try:
            connection = _new_connection()
            connection.connect()
            connection._parser.set_invalidation_push_handler(self._pushed)
            prefix = cache.make_key(PREFIX)  # as Redis names it: ":1:credential:"
            if cache.make_key(PREFIX + "x") != prefix + "x":  # a KEY_FUNCTION of one's own
                raise ValueError("cache keys are not named as Django names them by default")
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix)
            if connection.read_response() != b"OK":
                raise ConnectionError("Redis refused CLIENT TRACKING")
        except Exception:
            logger.warning("credential pushes unavailable; no worker copies", exc_info=True)
            return False
        self.connection, self.head = connection, prefix.removesuffix(PREFIX)
        self.heard, self.pinged = time.monotonic(), None
        self.poller = select.poll()
        self.poller.register(connection._sock, select.POLLIN)
        return True

    def _drain(self):
        arrived = self.news
        while self.connection.can_read(timeout=0):
            if self.connection.read_response(push_request=True) == b"PONG":  # else `_pushed`
                self.pinged = None
            self.heard = time.monotonic()
        if self.news - arrived >= BEHIND:  # Redis may hold more for us: start afresh
            self._forget_all()

    def _pushed(self, message):
        """An invalidation: `[b"invalidate", [keys]]`, or `None` for a flushed database."""
        names = message[1]
        if names is None:
            self._forget_all()
            self.news += BEHIND
            return
        self.news += len(names)
        for name in names:
            key = name.decode().removeprefix(self.head)  # the cache key Django was given
            for held in self.holders.pop(key, ()):
                self._drop(held)

    def _disconnect(self):
        self._forget_all()
        self.news += BEHIND
        with contextlib.suppress(Exception):  # it is gone either way
            self.connection.disconnect()
        self.connection = self.poller = None

    # --- Bookkeeping --------------------------------------------------------------------

    def _drop(self, names):
        if self.copies.pop(names, None) is not None:
            for name in names:
                held = self.holders.get(name)
                if held is not None:
                    held.discard(names)
                    if not held:
                        del self.holders[name]

    def _forget_all(self):
        self.copies.clear()
        self.holders.clear()


def _new_connection():
    """A connection of its own to the cache's Redis, speaking RESP3 (pushes need it)."""
    location = settings.CACHES["default"]["LOCATION"]
    location = location.split(",")[0] if isinstance(location, str) else location[0]
    timeouts = {"socket_connect_timeout": 1, "socket_timeout": 1}  # never hold a request long
    return redis.ConnectionPool.from_url(location, protocol=3, **timeouts).make_connection()


_copies = {}  # pid -> WorkerCopies: a forked worker never reads its parent's socket


def _mine():
    pid = os.getpid()
    if pid not in _copies:
        _copies.clear()
        _copies[pid] = WorkerCopies()
    return _copies[pid]


def get(keys):
    """This worker's copy of the answer remembered under `keys`, or `MISSING`."""
    return _mine().get(tuple(keys)) if size() else MISSING


def ticket():
    """Taken before the Redis read of an answer that `keep` may keep."""
    return _mine().ticket() if size() else None


def keep(keys, answer, ticket, seconds):
    """Keep a copy of `answer`, read from Redis after `ticket` was taken."""
    if size():
        _mine().keep(tuple(keys), answer, ticket, seconds)


def settle():
    """Two round trips after a revocation's tombstones: every push is written by then.

    Redis writes pending replies and pushes before it reads more commands; the first
    round trip covers pushes queued with the tombstones' own reply, the second any queued
    after it.
    """
    if size():
        client = cache._cache.get_client(write=True)
        client.ping()
        client.ping()
