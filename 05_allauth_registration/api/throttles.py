"""Rate limits beyond DRF's `anon` and `user` scopes.

Every scope reads its rate from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, and every
client address comes from `SimpleRateThrottle.get_ident`, which trusts `X-Forwarded-For`
only as far as `NUM_PROXIES` allows.
"""

import math
from functools import wraps

from django.http import JsonResponse
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class TenCallsPerMinute(UserRateThrottle):
    """The course's custom scope, used for creating menu items."""

    scope = "ten"


class LoginRateThrottle(SimpleRateThrottle):
    """Limits every request to a password-checking endpoint, per client address.

    Keyed by address rather than by user, because the caller is not authenticated yet
    and an attacker would otherwise get a fresh budget for every username.
    """

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


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
