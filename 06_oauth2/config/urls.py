from django.urls import include, path

from accounts import views

urlpatterns = [
    # The authorization server (django-oauth-toolkit): authorize, token, revoke,
    # introspect, OpenID Connect, and "log out everywhere".
    path("o/", include("accounts.urls", namespace="oauth2_provider")),
    # The resource owner's login page (throttled) and logout, on the authorization server.
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
