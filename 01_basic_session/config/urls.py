from django.contrib.auth.views import LoginView, LogoutView
from django.urls import include, path

from api.throttles import login_throttled

browsable_api_auth = [
    path(
        "login/",
        login_throttled(LoginView.as_view(template_name="rest_framework/login.html")),
        name="login",
    ),
    path("logout/", LogoutView.as_view(), name="logout"),
]

urlpatterns = [
    # The browsable API's login and logout pages (rest_framework.urls, login throttled).
    path("api-auth/", include((browsable_api_auth, "rest_framework"))),
    # The JSON session flow for a single-page client.
    path("api/auth/", include("accounts.urls")),
    # The admin (its login throttled) and the common API, the same in every chapter.
    path("", include("api.site_urls")),
]

handler400 = "rest_framework.exceptions.bad_request"
handler500 = "rest_framework.exceptions.server_error"
