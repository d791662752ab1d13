from rest_framework.throttling import SimpleRateThrottle


class FailedBasicAuthThrottle(SimpleRateThrottle):
    """Counts failed Basic passwords per client address, in the `login` scope.

    Unlike a normal throttle it is told when to count: only a wrong password adds to
    the history, but every attempt is refused once the history is full.
    """

    scope = "login"

    def get_cache_key(self, request, view=None):
        return f"throttle_basic_failures_{self.get_ident(request)}"

    def is_locked(self, request):
        self.key = self.get_cache_key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record_failure(self, request):
        if not self.is_locked(request):
            self.throttle_success()  # stores `now` in the history
