"""dj-rest-auth's views, where this chapter needs them to behave differently.

- Login also sets the `csrftoken` cookie that a cookie client echoes for unsafe requests.
- Registration leaves no session behind.
- Refreshing a deleted user's token is a 401, not a crash.
- Verification and resend are throttled like the other account endpoints.
- The links in allauth's emails lead somewhere: dj-rest-auth maps them to empty
  placeholders that crash when opened (or leaves them out, so sending the mail crashes).
"""

from dj_rest_auth import views as rest_auth_views
from dj_rest_auth.jwt_auth import get_refresh_view
from dj_rest_auth.registration import views as registration_views
from django.middleware.csrf import rotate_token
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import CookieTokenRefreshSerializer


class LoginView(rest_auth_views.LoginView):
    """Logs in with a username or an email, and sets the `access` and `refresh` cookies.

    It also issues a new CSRF token (the `csrftoken` cookie, readable by the page), as
    Django's own login does: a cookie client must echo it in `X-CSRFToken` for every
    unsafe request, and a token planted before the login is worthless after it.
    """

    def login(self):
        super().login()
        rotate_token(self.request)


class TokenRefreshView(get_refresh_view()):
    """Reads the `refresh` cookie and answers new cookies; a deleted user's token is a 401."""

    serializer_class = CookieTokenRefreshSerializer


class RegisterView(registration_views.RegisterView):
    """Creates the account and mails the verification link (throttled).

    allauth's sign-up is written for HTML pages: it parks the half-finished login in a
    session, so that the browser can carry on once the email is verified. An API client
    logs in with its password instead, and this chapter has no sessions, so the session
    is dropped before the answer goes out (no `sessionid` cookie, no session row).
    """

    def perform_create(self, serializer):
        user = super().perform_create(serializer)
        self.request.session.flush()
        return user


class VerifyEmailView(registration_views.VerifyEmailView):
    """Verifies an address from the key in its email (throttled)."""

    throttle_scope = "dj_rest_auth"


class ResendEmailVerificationView(registration_views.ResendEmailVerificationView):
    """Mails a new verification link; the answer is the same for any address (throttled)."""

    throttle_scope = "dj_rest_auth"


Instructions = inline_serializer("Instructions", {"detail": serializers.CharField()})


class LinkView(APIView):
    """A page an emailed link leads to. It changes nothing, because mail scanners open
    links too: it answers what to POST, and where, to finish the job."""

    permission_classes = [AllowAny]

    def instructions(self, **kwargs):
        raise NotImplementedError

    @extend_schema(responses=Instructions)
    def get(self, request, **kwargs):
        return Response(self.instructions(**kwargs))


class EmailVerificationLinkView(LinkView):
    """The link in the verification email (allauth calls it `account_confirm_email`)."""

    def instructions(self, key):
        url = reverse("rest_verify_email")
        return {"detail": f"POST this key to {url} to verify the address.", "key": key}


class PasswordResetLinkView(LinkView):
    """The link in the password reset email (allauth calls it `password_reset_confirm`)."""

    def instructions(self, uid, token):
        url = reverse("rest_password_reset_confirm")
        return {
            "detail": f"POST uid, token, new_password1 and new_password2 to {url}.",
            "uid": uid,
            "token": token,
        }


class VerificationSentView(LinkView):
    """Where allauth would send the browser after a sign-up; an API client never goes there."""

    def instructions(self):
        return {"detail": "Verification e-mail sent."}
