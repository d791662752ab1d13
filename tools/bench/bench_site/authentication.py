"""The baseline's "authentication turned off", and nothing else turned off."""

import functools
import os

from django.contrib.auth import get_user_model
from rest_framework.authentication import BaseAuthentication


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
