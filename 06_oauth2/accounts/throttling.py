"""The authorization server's endpoints that check a secret spend the `login` budget.

A confidential client's secret is a password, and an authorization code is a one-time
code: the token, revocation and introspection endpoints check them, so a guesser must
not get more tries here than at the login page. The budget is the one every password
check of the chapter shares (`api.throttles.login_throttled`, per client address).

A public client refreshing its token presents no secret, only the refresh token (too
long to guess), and spends nothing: a browser tab refreshing every few minutes must not
lock its user out of logging in.
"""

from functools import wraps

from api.throttles import login_throttled

SECRET_GRANTS = {"authorization_code", "client_credentials"}


def checks_a_secret(request):
    """Whether this request names a client secret or an authorization code."""
    if request.method != "POST":
        return False
    if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("basic "):
        return True
    return "client_secret" in request.POST or request.POST.get("grant_type") in SECRET_GRANTS


def secret_checks_throttled(view):
    """`view`, with its secret-checking requests counted against the `login` budget."""
    throttled = login_throttled(view)

    @wraps(view)  # keeps DOT's csrf_exempt: clients post no CSRF token
    def wrapped(request, *args, **kwargs):
        if checks_a_secret(request):
            return throttled(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapped
