from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, get_authorization_header

from .throttles import FailedBasicAuthThrottle


class ThrottledBasicAuthentication(BasicAuthentication):
    """Basic authentication that locks out an address after too many wrong passwords.

    DRF authenticates before it throttles, so a throttle on the view never sees a
    failed Basic attempt. This class counts them itself. Once an address is locked,
    every Basic attempt from it gets 429 until the window passes, even one with the
    right password, so the lock does not reveal which guess was correct.
    """

    www_authenticate_realm = "api"
    may_throttle = True  # so the OpenAPI schema documents the 429 (see api/schema.py)

    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() != b"basic":
            return None
        throttle = FailedBasicAuthThrottle()
        if throttle.is_locked(request):
            raise exceptions.Throttled(throttle.wait())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.record_failure(request)
            raise
