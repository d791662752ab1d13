from django.urls import include, path

urlpatterns = [
    # allauth headless: /_allauth/browser/v1/... (cookie + CSRF) and /_allauth/app/v1/...
    # (X-Session-Token): sign-up, login, second factor, passkeys, sessions.
    # (allauth's phone routes, which crash without phone numbers, answer 404 first.)
    path("", include("accounts.unused_phone_routes")),
    path("_allauth/", include("allauth.headless.urls")),
    # Log out (a 204, for page scripts), and log out everywhere.
    path("api/auth/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
