"""Rate limits that stay exact when several workers share one cache.

DRF's throttles race
--------------------
`SimpleRateThrottle` keeps each client's recent request times, a list, in Django's cache.
`allow_request` reads the list, drops the times older than the window, compares what is
left with the rate, and writes the list back with the new time added. Read, decide,
write: separate steps, and under gunicorn several workers take them at the same time.
Two workers that read the same list of nine times both see room for a tenth, both let
their request through, and both write back a list of ten: the second write hides the
first. With a rate of 10, four workers sharing Redis let 12 to 23 of 120 concurrent
requests through (shared_tests/production/test_shared_throttle.py). On a login throttle
the race multiplies an attacker's password guesses by the requests sent in parallel.

The fix: one worker at a time per list
--------------------------------------
`AtomicRateThrottle` runs DRF's own read-decide-write while holding a lock on that one
list, kept in the same cache. `cache.add` stores a key only if it is absent, in one step
(Redis `SET NX`, Memcached `add`, local memory under its own lock; not the file cache),
so exactly one worker takes the lock and the others wait for it. The classes below slot
it in right above `SimpleRateThrottle`, so everything else is DRF's: the sliding window,
`wait()` and `Retry-After`, scopes, rates from settings, and `get_ident` with its
`NUM_PROXIES` handling.

A cache cannot tell a waiting worker that a lock is free, so the worker asks again, after
1 ms, then 2, 4, up to 32 ms (`CacheLock`): a lock is held for a millisecond or so, and a
worker rarely asks twice. A lock expires after LOCK_TIMEOUT, so one left by a worker that
died holding it frees itself. A worker that still cannot take it refuses the request:
a throttle that cannot count must not let requests through uncounted.

Every scope reads its rate from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, and every
client address comes from `SimpleRateThrottle.get_ident`, which trusts `X-Forwarded-For`
only as far as `NUM_PROXIES` allows.
"""

import math
import time
from functools import wraps

from django.http import JsonResponse
from rest_framework import throttling

# Seconds a lock lasts if it is never released. A whole number: Django's Redis cache
# drops fractions of a second, and would expire a lock of 0.5 s at once.
LOCK_TIMEOUT = 1
# Pauses between tries for a busy lock: 1 ms doubling to 32 ms, about 2 s in all. That is
# longer than LOCK_TIMEOUT, so a lock whose worker died expires before anyone gives up.
LOCK_RETRY_DELAYS = [0.001 * 2 ** min(n, 5) for n in range(66)]


class CacheLock:
    """A lock that every process using the cache sees: `with CacheLock(cache, name) as held`.

    `held` is False if the lock stayed busy for all of LOCK_RETRY_DELAYS.
    """

    def __init__(self, cache, name):
        self.cache = cache
        self.key = f"lock_{name}"  # no throttle's key starts with "lock_"
        self.held = False

    def __enter__(self):
        self.held = self.take()
        for delay in LOCK_RETRY_DELAYS:
            if self.held:
                break
            time.sleep(delay)
            self.held = self.take()
        return self.held

    def __exit__(self, *exc_info):
        # After LOCK_TIMEOUT the lock may have expired and been taken by another worker,
        # so it is deleted only while it is surely still ours. The margin of half allows
        # for the cache's clock and this one disagreeing; otherwise it simply expires.
        if self.held and time.monotonic() - self.asked_at < LOCK_TIMEOUT / 2:
            self.cache.delete(self.key)

    def take(self):
        self.asked_at = time.monotonic()  # the lock expires no sooner than this + timeout
        return self.cache.add(self.key, True, LOCK_TIMEOUT)


class AtomicRateThrottle(throttling.SimpleRateThrottle):
    """`SimpleRateThrottle` whose check and update of a history is one step.

    List it after DRF's class in the bases, `class AnonRateThrottle(
    throttling.AnonRateThrottle, AtomicRateThrottle)`, so that it runs right before
    `SimpleRateThrottle.allow_request`, once DRF's subclass has picked the scope.
    """

    busy = False  # the lock stayed busy, so the request was refused uncounted

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        with CacheLock(self.cache, key) as held:
            if not held:
                self.busy = True
                return self.throttle_failure()
            return super().allow_request(request, view)

    def wait(self):
        if self.busy:
            return LOCK_TIMEOUT  # the lock is free by then, if only by expiring
        return super().wait()


class AnonRateThrottle(throttling.AnonRateThrottle, AtomicRateThrottle):
    """DRF's `anon` scope, per client address, for unauthenticated requests only."""


class UserRateThrottle(throttling.UserRateThrottle, AtomicRateThrottle):
    """DRF's `user` scope, per user (per address for anonymous requests)."""


class ScopedRateThrottle(throttling.ScopedRateThrottle, AtomicRateThrottle):
    """DRF's per-view scope, read from the view's `throttle_scope`."""


class TenCallsPerMinute(UserRateThrottle):
    """The course's custom scope, used for creating menu items."""

    scope = "ten"


class LoginRateThrottle(AtomicRateThrottle):
    """Limits every request to a password-checking endpoint, per client address.

    Keyed by address rather than by user, because the caller is not authenticated yet
    and an attacker would otherwise get a fresh budget for every username.
    """

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LogoutRateThrottle(UserRateThrottle):
    """Limits logging out, per user, at the `login` rate.

    Logging out writes (it deletes a key or sessions, or retires every token a user
    holds), so it is not free. Its own history keeps it apart from the user's other
    requests (menu reads spend the `user` rate) and from the address's password guesses
    (`throttle_login_<address>`), so that neither ever stands in its way.
    """

    scope = "login"
    cache_format = "throttle_%(scope)s_user_%(ident)s"


def login_throttled(view):
    """Applies `LoginRateThrottle` to a plain Django view, such as the admin login.

    DRF throttles only its own views; Django's login forms check passwords too.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                wait = throttle.wait()
                response = JsonResponse(
                    {"detail": "Request was throttled. Too many login attempts."},
                    status=429,
                    json_dumps_params={"separators": (",", ":")},
                )
                if wait is not None:
                    response["Retry-After"] = str(math.ceil(wait))
                return response
        return view(request, *args, **kwargs)

    return wrapped
