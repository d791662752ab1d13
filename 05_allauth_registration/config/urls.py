from django.urls import include, path

urlpatterns = [
    # dj-rest-auth: login, logout, password, registration and verification.
    path("api/v1/dj-rest-auth/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
