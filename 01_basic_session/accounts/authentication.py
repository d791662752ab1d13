from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, get_authorization_header

from .throttles import FailedBasicAuthThrottle


class ThrottledBasicAuthentication(BasicAuthentication):
    """Basic authentication that locks out an address after too many wrong passwords.

    DRF authenticates before it throttles, so a throttle on the view never sees a
    failed Basic attempt. This class counts them itself. Once an address is locked,
    every Basic attempt from it gets 429 until the window passes, even one with the
    right password, so the lock does not reveal which guess was correct. Guesses sent
    in parallel are all checked before any is counted, so the address is looked at
    again afterwards: those that finish once it is locked learn nothing either.
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
            user_auth = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            if not throttle.record_failure(request):  # parallel guesses filled it first
                raise exceptions.Throttled(throttle.wait()) from None
            raise
        if throttle.is_locked(request):  # the same, for the right password
            raise exceptions.Throttled(throttle.wait())
        return user_auth

    def authenticate_credentials(self, userid, password, request=None):
        # No username or password holds a NUL, and PostgreSQL refuses one in a query.
        if "\x00" in userid or "\x00" in password:
            raise exceptions.AuthenticationFailed("Invalid basic header. Credentials hold a NUL.")
        return super().authenticate_credentials(userid, password, request)
