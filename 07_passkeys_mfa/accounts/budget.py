"""One guessing budget for every allauth endpoint that checks a secret.

allauth's headless views are not DRF views, so DRF's throttles never see them, and
allauth's own rate limits count per endpoint: each would give a guesser a fresh budget.
This middleware spends the chapter's `login` budget (api/throttles.py, keyed by the
client address) on every request that checks a password, a TOTP or recovery code, an
emailed code or a passkey assertion, for both clients. The admin login spends the same one.
"""

import math
import re

from django.http import JsonResponse

from api.throttles import LoginRateThrottle

# The endpoints under /_allauth/<client>/v1/ whose requests check a secret.
CHECKED = (
    "auth/login",
    "auth/reauthenticate",
    "auth/2fa/authenticate",
    "auth/2fa/reauthenticate",
    "auth/code/confirm",
    "auth/reauthenticate/code/confirm",
    "auth/email/verify",
    "auth/password/reset",
    "auth/webauthn/login",
    "auth/webauthn/authenticate",
    "auth/webauthn/reauthenticate",
    "account/password/change",
    "account/authenticators/totp",
)
PATH = re.compile(r"/_allauth/(?:browser|app)/v1/(?P<endpoint>.+)")
# A GET of auth/password/reset checks the code in X-Password-Reset-Key; other GETs
# (the passkey login's challenge, the TOTP secret to scan) check nothing.
CHECKING_GETS = {"auth/password/reset"}


def checks_a_secret(request):
    found = PATH.fullmatch(request.path)
    if not found or found["endpoint"] not in CHECKED:
        return False
    if request.method == "GET":
        return found["endpoint"] in CHECKING_GETS
    return request.method not in {"HEAD", "OPTIONS"}


class GuessingBudgetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if checks_a_secret(request):
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                return throttled(throttle.wait())
        return self.get_response(request)


def throttled(wait):
    """The answer DRF gives a throttled request: 429, JSON, `Retry-After`."""
    response = JsonResponse(
        {"status": 429, "detail": "Request was throttled. Too many login attempts."}, status=429
    )
    if wait is not None:
        response["Retry-After"] = str(math.ceil(wait))
    return response
