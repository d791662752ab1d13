from django.urls import include, path

urlpatterns = [
    # POST trades a username and password for a token; DELETE revokes it.
    path("api/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
