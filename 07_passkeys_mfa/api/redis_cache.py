"""Django's Redis cache, keeping one `redis.Redis` client per connection pool.

Why: Django 5.2's `RedisCacheClient.get_client()` (django/core/cache/backends/redis.py)
builds a new `redis.Redis` on every cache call. The connection is pooled, but building
the client registers some 170 response callbacks each time, and a cache read then costs
about as much as the SQLite query it was meant to save (docs/bench.md). No upstream
ticket was found; remove this module when Django reuses its clients.

A client only holds its pool and its callbacks, both safe to share between threads
(redis-py takes a connection from the pool per command), so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """`get_client()` returns the same client for the same pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a pool (kept for good in self._pools) -> its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:  # two threads may both build one: harmless
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]


class ReusedClientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, with the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
