from django.contrib import admin
from django.urls import include, path

from api.throttles import login_throttled

urlpatterns = [
    # Password forms are throttled like the API's own login endpoint.
    path("admin/login/", login_throttled(admin.site.login)),
    path("admin/", admin.site.urls),
    # SimpleJWT's token endpoints: obtain, refresh, verify and blacklist (logout).
    path("api/", include("accounts.urls")),
    path("api/", include("api.urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
