from django.urls import include, path

urlpatterns = [
    # Djoser: users, activation, password reset, JWT and token logins (accounts/urls.py).
    path("auth/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
