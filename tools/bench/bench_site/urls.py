"""The chapter's URLs, then the same views under /bench/ with other authentication.

- /bench/off/...: authentication turned off (the baseline of every ratio).
- /bench/stateless/secret/: SimpleJWT's `JWTStatelessUserAuthentication`, where the
  chapter uses SimpleJWT: the token is checked, the user is not loaded.
- /bench/stock/<route>/secret/: a library's own class, unchanged (stock.py), where the
  chapter installs its app: the peer a strategy reading the same credential is put beside.

The bench routes come last, so resolving them costs a little more than /api/secret/:
if anything, the baseline is flattered less than the strategies.
"""

from django.conf import settings
from django.urls import path
from django.utils.module_loading import import_string

from api.views import CustomerMeView, secret
from config.urls import handler400, handler500  # noqa: F401  (Django reads them from here)
from config.urls import urlpatterns as chapter_urlpatterns

from .authentication import PresetUserAuthentication
from .stock import STOCK, stock_path

OFF = [PresetUserAuthentication]

urlpatterns = [
    *chapter_urlpatterns,
    path("bench/off/secret/", secret.cls.as_view(authentication_classes=OFF)),
    path("bench/off/customers/me/", CustomerMeView.as_view(authentication_classes=OFF)),
]

if "rest_framework_simplejwt" in settings.INSTALLED_APPS:
    from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

    urlpatterns.append(
        path(
            "bench/stateless/secret/",
            secret.cls.as_view(authentication_classes=[JWTStatelessUserAuthentication]),
        )
    )

for route, stock in STOCK.items():
    if stock.app in settings.INSTALLED_APPS:
        view = secret.cls.as_view(authentication_classes=[import_string(stock.path)])
        urlpatterns.append(path(stock_path(route).lstrip("/"), view))
