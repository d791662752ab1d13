"""Django's Redis cache, keeping one `redis.Redis` client, and its connection, per process.

Why: Django 5.2's `RedisCacheClient.get_client()` (django/core/cache/backends/redis.py)
builds a new `redis.Redis` on every cache call. The connection is pooled, but building
the client registers some 170 response callbacks each time, and a cache read then costs
about as much as the SQLite query it was meant to save (docs/bench.md). No upstream
ticket was found; remove this module when Django reuses its clients.

The client kept also keeps its connection (`single_connection_client`): redis-py then
skips taking a connection from the pool and giving it back around every command, about
a fifth of a cache read's CPU. Its commands take a lock, so threads (runserver) wait for
each other's round trips; a gunicorn sync worker has one thread. A forked process makes
its own client, never writing to its parent's socket.
"""

import os

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """`get_client()` returns the same client for the same pool, in the same process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # (process, id of a pool kept in self._pools) -> its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        name = (os.getpid(), id(pool))  # a forked worker never uses its parent's socket
        if name not in self._clients:  # two threads may both build one: harmless
            self._clients[name] = self._client(connection_pool=pool, single_connection_client=True)
        return self._clients[name]


class ReusedClientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, with the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def make_and_validate_key(self, key, version=None):
        """Without `validate_key`, whose warnings are about memcached's limits (250
        characters, no spaces), not Redis's: every key read paid for them."""
        return self.make_key(key, version=version)
