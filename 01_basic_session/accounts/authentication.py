from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from .cross_site import is_cross_site
from .throttles import FailedBasicAuthThrottle

CROSS_SITE_REFUSED = (
    "Basic credentials are refused on a cross-site request: a browser sends the ones it "
    "remembers with any site's forms. Send them from this site's pages, or without a browser."
)


def sends_basic(request):
    auth = get_authorization_header(request).split()
    return bool(auth) and auth[0].lower() == b"basic"


class ThrottledBasicAuthentication(BasicAuthentication):
    """Basic authentication whose wrong passwords spend the address's `login` budget.

    DRF authenticates before it throttles, so a throttle on the view never sees a
    failed Basic attempt. This class counts them itself, in the budget that every
    password endpoint of the chapter shares. Once it is spent, every Basic attempt
    from the address gets 429 until the window passes, even one with the right
    password, so the lock does not reveal which guess was correct. Guesses sent
    in parallel are all checked before any is counted, so the address is looked at
    again afterwards: those that finish once it is locked learn nothing either.
    """

    www_authenticate_realm = "api"
    may_throttle = True  # so the OpenAPI schema documents the 429 (see api/schema.py)

    def authenticate(self, request):
        if not sends_basic(request):
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


class SameSiteBasicAuthentication(ThrottledBasicAuthentication):
    """Basic authentication that refuses unsafe requests a browser marks as cross-site.

    After a 401 with `WWW-Authenticate: Basic` a browser asks for a username and
    password, remembers them, and attaches them to every later request to this site,
    including a form that another site's page submits here. Session cookies have the
    CSRF token against that; Basic has nothing. So a POST, PUT, PATCH or DELETE whose
    `Origin` or `Sec-Fetch-Site` says it comes from another site is refused with 403,
    before the password is checked (it spends no guess from the budget). curl and
    scripts send neither header and are not affected.
    """

    def authenticate(self, request):
        if request.method not in SAFE_METHODS and sends_basic(request) and is_cross_site(request):
            raise exceptions.PermissionDenied(CROSS_SITE_REFUSED)
        return super().authenticate(request)
