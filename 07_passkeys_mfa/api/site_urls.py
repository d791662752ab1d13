"""The routes every chapter serves besides its own: the admin, the common API, the demo.

A chapter's `config/urls.py` lists its authentication routes, then includes these.
"""

from django.contrib import admin
from django.urls import include, path

from .demo import demo
from .throttles import login_throttled

urlpatterns = [
    # The admin's password form is throttled like the API's own login endpoints.
    path("admin/login/", login_throttled(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    # A browser client for this chapter's login: one page and one script (api/demo.py).
    path("demo/", demo, name="demo"),
]
