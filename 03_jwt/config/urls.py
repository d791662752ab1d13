from django.urls import include, path

urlpatterns = [
    # SimpleJWT's token endpoints: obtain, refresh, verify and blacklist (logout).
    path("api/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
