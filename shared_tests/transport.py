"""How the suite reaches a chapter: every test client is made here.

In process (the default) it is DRF's `APIClient`, which behaves like a browser: CSRF is
checked, as in production.
"""

from rest_framework.test import APIClient


def new_client():
    """A fresh client with no credentials and no cookies."""
    return APIClient(enforce_csrf_checks=True)
