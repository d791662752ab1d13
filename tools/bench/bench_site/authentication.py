"""The authentication a bench request asks for, on the chapter's own URLs.

`X-Bench-Authentication` names it (CHOICES); without the header a request gets the
chapter's own classes. The baseline, the stock peers and stateless JWT used to have
URLs of their own, which Django resolved with fewer patterns than /api/secret/: about
60 µs a request that the strategies paid and the baseline did not.
"""

import contextlib
import functools
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string
from rest_framework.authentication import BaseAuthentication

from .stock import HEADER, OFF, STATELESS, STOCK

META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")


@functools.cache
def bench_user():
    """Loaded once per worker process: after the first request the baseline queries nothing."""
    return get_user_model().objects.get(username=os.environ.get("BENCH_USERNAME", "bench"))


class PresetUserAuthentication(BaseAuthentication):
    """Every request is the bench user's, and no credential is read or checked.

    The write view needs a user to own the profile it updates, so the baseline keeps
    `request.user` but drops what a strategy pays for it: header parsing, crypto and the
    database round trips. What remains (server, middleware, view, serializer) is what
    every strategy pays too, so a strategy's rate divided by this one is its own cost.
    """

    def authenticate(self, request):
        return (bench_user(), None)


def choices():
    """{header value: classes}: the baseline, each installed library's stock class, and
    chapter 03's stateless class."""
    found = {OFF: [PresetUserAuthentication]}
    for route, stock in STOCK.items():
        if stock.app in settings.INSTALLED_APPS:
            found[route] = [import_string(stock.path)]
    with contextlib.suppress(ImportError):  # only 03 has it
        found[STATELESS] = [import_string("accounts.stateless.StatelessJWTAuthentication")]
    return found


@functools.cache
def classes_by_choice():
    chapter = [import_string(path) for path in settings.CHAPTER_AUTHENTICATION_CLASSES]
    return chapter, choices()


class ChosenAuthentication(BaseAuthentication):
    """The classes the header names, tried in turn as DRF tries a view's own."""

    def classes(self, request):
        chapter, chosen = classes_by_choice()
        name = request.META.get(META_KEY)
        return chapter if name is None else chosen[name]

    def authenticate(self, request):
        for authentication in self.classes(request):
            user_auth = authentication().authenticate(request)
            if user_auth is not None:
                return user_auth
        return None

    def authenticate_header(self, request):
        return self.classes(request)[0]().authenticate_header(request)
