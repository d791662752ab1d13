from api.throttles import LoginRateThrottle


class FailedBasicAuthThrottle(LoginRateThrottle):
    """Counts failed Basic passwords in the chapter's one `login` budget per client address.

    The history is `LoginRateThrottle`'s own, the one the JSON login, the browsable API's
    login form and the admin login fill: a wrong Basic password spends a guess from the
    same budget, and once any of them has spent it, Basic is refused too. Separate
    budgets would multiply an attacker's guesses by the number of password endpoints.

    Unlike a normal throttle it is told when to count: only a wrong password adds to
    the history (a right one is an ordinary authenticated request), but every Basic
    attempt is refused once the history is full.

    A password is known to be wrong only after it is checked, and parallel guesses can
    all pass `is_locked` before the first is counted. So a failure is counted by
    `record_failure` in one step with checking that the history still has room; if it
    had none, the guess gets a 429 instead of its answer.
    """

    def is_locked(self, request):
        # Reads, never writes, so it needs no lock.
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record_failure(self, request):
        """Adds a failure to the history if it has room; answers whether it had."""
        return self.allow_request(request, None)
