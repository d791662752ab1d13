"""allauth's account rules, with one more check at the moment a login is made."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.headless.base.response import AuthenticationResponse
from django.contrib.auth import logout

from .revocation import end_sessions_of


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        """Once logged in, reads the user's row again: a login that raced a revocation
        is logged out at once.

        Under several workers a login may check the password while a password change or
        a deactivation commits on another, and end that user's sessions before this one
        exists. Once allauth has made the session and `usersessions` has recorded it (so
        a revocation committing later finds it), the row must still hold the password
        and `is_active` the check read; otherwise the login is undone, and headless
        answers 401, not logged in.
        """
        response = super().post_login(request, user, **kwargs)
        if not still_as_checked(user):
            logout(request)
            end_sessions_of(user.pk)
            # The answer made above says "authenticated"; headless's own answer for
            # this request now says it is not (a 401).
            return AuthenticationResponse(request)
        return response


def still_as_checked(user):
    """True while the user's row holds the password and `is_active` that the login's
    password check read from it."""
    stored = type(user)._base_manager.filter(pk=user.pk).values_list("password", "is_active")
    return stored.first() == (user.password, user.is_active)
