"""dj-rest-auth's endpoints under /api/v1/dj-rest-auth/, in one list.

`dj_rest_auth.urls` and `dj_rest_auth.registration.urls` would register placeholder
pages that crash when an emailed link is opened, an unthrottled resend, and a refresh
view that crashes for a deleted user; and they match without the trailing slash. So
the same routes are listed here, with those views swapped (see views.py).
"""

from dj_rest_auth.views import PasswordResetView, UserDetailsView
from django.urls import path

from . import logout_everywhere, views

urlpatterns = [
    # sets the csrftoken cookie, whose value the browser's login and writes echo.
    path("csrf/", views.CsrfView.as_view(), name="rest_csrf"),
    # username or email + password (+ CSRF) -> the JWT pair, in httpOnly cookies (throttled).
    path("login/", views.LoginView.as_view(), name="rest_login"),
    # the same, for an app: the JWT pair in the JSON body, no cookie (throttled).
    path("token/", views.BearerLoginView.as_view(), name="token_obtain_pair"),
    # blacklists the refresh token (cookie or body) and deletes both cookies (POST only).
    path("logout/", views.LogoutView.as_view(), name="rest_logout"),
    # the access cookie (+ CSRF) -> every JWT of its user revoked, this one too (throttled).
    path(
        "logout-everywhere/",
        logout_everywhere.LogoutEverywhereView.as_view(),
        name="rest_logout_everywhere",
    ),
    # the logged-in user: GET, PUT, PATCH (the email is read-only).
    path("user/", UserDetailsView.as_view(), name="rest_user_details"),
    # old password + new one twice (throttled).
    path("password/change/", views.PasswordChangeView.as_view(), name="rest_password_change"),
    # email -> a reset link by email, if the address belongs to an account (throttled).
    path("password/reset/", PasswordResetView.as_view(), name="rest_password_reset"),
    path(
        "password/reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="rest_password_reset_confirm",
    ),
    path(
        "password/reset/confirm/<str:uid>/<str:token>/",
        views.PasswordResetLinkView.as_view(),
        name="password_reset_confirm",
    ),
    # the refresh cookie -> new cookies; or the refresh token in the body -> new tokens.
    path("token/refresh/", views.TokenRefreshView.as_view(), name="token_refresh"),
    # any token -> 200 {} if it is genuine, unexpired and not blacklisted.
    path("token/verify/", views.TokenVerifyView.as_view(), name="token_verify"),
    # username, email, password1, password2 -> an account and a verification email.
    path("registration/", views.RegisterView.as_view(), name="rest_register"),
    path(
        "registration/verify-email/",
        views.VerifyEmailView.as_view(),
        name="rest_verify_email",
    ),
    path(
        "registration/resend-email/",
        views.ResendEmailVerificationView.as_view(),
        name="rest_resend_email",
    ),
    path(
        "registration/account-confirm-email/<str:key>/",
        views.EmailVerificationLinkView.as_view(),
        name="account_confirm_email",
    ),
    path(
        "registration/account-email-verification-sent/",
        views.VerificationSentView.as_view(),
        name="account_email_verification_sent",
    ),
]
