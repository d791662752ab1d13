from api.throttles import AtomicRateThrottle


class FailedBasicAuthThrottle(AtomicRateThrottle):
    """Counts failed Basic passwords per client address, in the `login` scope.

    Unlike a normal throttle it is told when to count: only a wrong password adds to
    the history, but every attempt is refused once the history is full.

    A password is known to be wrong only after it is checked, and parallel guesses can
    all pass `is_locked` before the first is counted. So a failure is counted by
    `record_failure` in one step with checking that the history still has room; if it
    had none, the guess gets a 429 instead of its answer.
    """

    scope = "login"

    def get_cache_key(self, request, view=None):
        return f"throttle_basic_failures_{self.get_ident(request)}"

    def is_locked(self, request):
        # Reads, never writes, so it needs no lock.
        self.key = self.get_cache_key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record_failure(self, request):
        """Adds a failure to the history if it has room; answers whether it had."""
        return self.allow_request(request, None)
