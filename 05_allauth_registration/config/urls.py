from django.contrib import admin
from django.urls import include, path

from api.throttles import login_throttled

urlpatterns = [
    # Password forms are throttled like the API's own login endpoints.
    path("admin/login/", login_throttled(admin.site.login)),
    path("admin/", admin.site.urls),
    # dj-rest-auth: login, logout, password, registration and verification.
    path("api/v1/dj-rest-auth/", include("accounts.urls")),
    path("api/", include("api.urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
