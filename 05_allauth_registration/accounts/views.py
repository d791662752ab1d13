"""dj-rest-auth's views, where this chapter needs them to behave differently.

- Login also sets the `csrftoken` cookie that a cookie client echoes for unsafe requests.
- Logout is POST only, and writes nothing when there is no refresh token to retire.
- Registration leaves no session behind.
- Refreshing a deleted user's token is a 401, not a crash.
- Verification and resend are throttled like the other account endpoints.
- The links in allauth's emails lead somewhere: dj-rest-auth maps them to empty
  placeholders that crash when opened (or leaves them out, so sending the mail crashes).

drf-spectacular knows what dj-rest-auth's own views answer, but not what these
subclasses do, so each one says it in `extend_schema` (and `schema_error_codes`, read by
api/schema.py, for the errors the schema cannot infer).
"""

from dj_rest_auth import views as rest_auth_views
from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.jwt_auth import get_refresh_view, unset_jwt_cookies
from dj_rest_auth.registration import views as registration_views
from django.middleware.csrf import rotate_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.rest_auth import RestAuthDetailSerializer
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from .serializers import CookieTokenRefreshSerializer

# The `{"detail": "..."}` answer of most of dj-rest-auth's views (drf-spectacular's name).
Detail = RestAuthDetailSerializer

# What verify answers on success: `{}`. drf-spectacular sees only the write-only `token`
# in its serializer and documents no body at all.
EMPTY_OBJECT = {"type": "object", "properties": {}, "additionalProperties": False}

LoginAnswer = inline_serializer(
    "LoginAnswer",
    {
        "access": serializers.CharField(help_text="The access token, also set in its cookie."),
        "refresh": serializers.CharField(
            help_text="Always empty: the refresh token travels only in its httpOnly cookie."
        ),
        "user": rest_auth_settings.USER_DETAILS_SERIALIZER(),
    },
)

RefreshAnswer = inline_serializer(
    "RefreshAnswer",
    {
        "access": serializers.CharField(help_text="The new access token, also set in its cookie."),
        "access_expiration": serializers.DateTimeField(),
    },
)


@extend_schema_view(post=extend_schema(responses=LoginAnswer))
class LoginView(rest_auth_views.LoginView):
    """Logs in with a username or an email, and sets the `access` and `refresh` cookies.

    It also issues a new CSRF token (the `csrftoken` cookie, readable by the page), as
    Django's own login does: a cookie client must echo it in `X-CSRFToken` for every
    unsafe request, and a token planted before the login is worthless after it.
    """

    def login(self):
        super().login()
        rotate_token(self.request)


class LogoutView(rest_auth_views.LogoutView):
    """Blacklists the refresh token from its cookie and deletes both cookies. POST only.

    dj-rest-auth's view also has a GET, refused unless `ACCOUNT_LOGOUT_ON_GET` is set,
    yet listed in the `Allow` header. A logout by GET could be triggered by any page
    (an `<img>` is enough), so this one does not have it at all.

    Without a refresh cookie, dj-rest-auth still blacklists a token it makes up on the
    spot, so every such request, even an anonymous one, wrote two rows that nothing
    needed. The answer stays the same 401.
    """

    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses=Detail)
    def post(self, request, *args, **kwargs):
        if rest_auth_settings.JWT_AUTH_REFRESH_COOKIE not in request.COOKIES:
            response = Response(
                {"detail": _("Refresh token was not included in cookie data.")},
                status=status.HTTP_401_UNAUTHORIZED,
            )
            unset_jwt_cookies(response)
            return response
        return super().post(request, *args, **kwargs)


@extend_schema_view(post=extend_schema(responses=RefreshAnswer))
class TokenRefreshView(get_refresh_view()):
    """Reads the `refresh` cookie and answers new cookies; a deleted user's token is a 401."""

    serializer_class = CookieTokenRefreshSerializer
    schema_error_codes = {401}


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenVerifyView(jwt_views.TokenVerifyView):
    """Any token -> 200 {} if it is genuine, unexpired and not blacklisted; else a 401."""

    schema_error_codes = {401}


@extend_schema_view(post=extend_schema(responses={201: Detail}))
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


@extend_schema_view(post=extend_schema(responses=Detail))
class VerifyEmailView(registration_views.VerifyEmailView):
    """Verifies an address from the key in its email (throttled); an unknown key is a 404."""

    throttle_scope = "dj_rest_auth"
    schema_error_codes = {404}


@extend_schema_view(post=extend_schema(responses={200: Detail}))
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
