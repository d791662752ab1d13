"""dj-rest-auth's views, where this chapter needs them to behave differently.

- Two logins: `login/` for a browser (tokens in httpOnly cookies, none in the body, and
  the `csrftoken` cookie its script echoes; the login itself needs the CSRF token, which
  `csrf/` sets first), `token/` for an app (tokens in the body, no
  cookie). A page script can thus never read a token, not even from a refresh.
- Refresh and logout need the CSRF token whenever a token cookie comes along, even
  with a refresh token in the body (csrf.py); logout is POST only, writes nothing when
  there is no token to retire, and deletes the cookies only when it succeeded.
- Every endpoint that checks a password or an emailed key draws on the one `login`
  budget per client address that the admin login uses too (`api.throttles`).
- Registration leaves no session behind, and gives an address to one account at most
  (registration.py); verification and reset links work once (verification.py,
  passwords.py).
- Refreshing a deleted user's token is a 401, not a crash.
- The links in allauth's emails lead somewhere: dj-rest-auth maps them to empty
  placeholders that crash when opened (or leaves them out, so sending the mail crashes).

drf-spectacular knows what dj-rest-auth's own views answer, but not what these
subclasses do, so each one says it in `extend_schema` (and `schema_error_codes`, read by
api/schema.py, for the errors the schema cannot infer).
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import complete_signup
from dj_rest_auth import views as rest_auth_views
from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.jwt_auth import JWTCookieAuthentication, get_refresh_view, unset_jwt_cookies
from dj_rest_auth.registration import views as registration_views
from django.contrib.auth.models import update_last_login
from django.middleware.csrf import rotate_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.contrib.rest_auth import RestAuthDetailSerializer
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from api.throttles import LoginRateThrottle

from .csrf import TokenCookieCsrfMixin, refresh_from_body
from .dj_rest_auth_jwt import CookieTokenRefreshSerializer
from .jwt_revocation import RefreshToken  # typed claims, an atomic blacklist
from .passwords import PasswordResetConfirmSerializer
from .registration import RegisterSerializer
from .verification import SingleUseVerifyEmailView

# Endpoints that check a password or an emailed key: one budget per address, shared.
GUESSING_BUDGET = [LoginRateThrottle]

# The `{"detail": "..."}` answer of most of dj-rest-auth's views (drf-spectacular's name).
Detail = RestAuthDetailSerializer

# What verify answers on success: `{}`. drf-spectacular sees only the write-only `token`
# in its serializer and documents no body at all.
EMPTY_OBJECT = {"type": "object", "properties": {}, "additionalProperties": False}

LoginAnswer = inline_serializer(
    "LoginAnswer",
    {"user": rest_auth_settings.USER_DETAILS_SERIALIZER()},
)

TokenAnswer = inline_serializer(
    "TokenAnswer",
    {
        "access": serializers.CharField(help_text="Send it as `Authorization: Bearer <access>`."),
        "refresh": serializers.CharField(help_text="POST it to token/refresh/ for new tokens."),
        "user": rest_auth_settings.USER_DETAILS_SERIALIZER(),
    },
)

RefreshAnswer = inline_serializer(
    "RefreshAnswer",
    {
        "access": serializers.CharField(help_text="Bearer clients only: the new access token."),
        "refresh": serializers.CharField(help_text="Bearer clients only: the new refresh token."),
        "access_expiration": serializers.DateTimeField(help_text="Cookie clients only."),
    },
)


class PasswordLoginMixin:
    """What both logins share: the guessing budget, and `last_login` kept up to date.

    dj-rest-auth's JWT login ignores `SIMPLE_JWT["UPDATE_LAST_LOGIN"]`; it is honoured
    here because Django's password reset token hashes `last_login`: a login voids the
    reset links sent before it.
    """

    throttle_classes = GUESSING_BUDGET
    # A login proves who is calling by the password alone. Were the cookies read too, an
    # access cookie that was revoked or left empty would make the login itself a 401.
    authentication_classes = []

    def get_authenticate_header(self, request):
        """The challenge a refused login names; with no authentication class DRF would
        turn its 401 into a 403."""
        return JWTCookieAuthentication().authenticate_header(request)

    def login(self):
        super().login()
        if jwt_settings.UPDATE_LAST_LOGIN:
            update_last_login(None, self.user)


class CsrfView(APIView):
    """Sets the `csrftoken` cookie, which a browser's page echoes in `X-CSRFToken`.

    The cookie login needs it (login CSRF, see LoginView), so a page fetches it first.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=Detail)
    def get(self, request):
        return Response({"detail": _("CSRF cookie set.")})

    @classmethod
    def as_view(cls, **initkwargs):
        return ensure_csrf_cookie(super().as_view(**initkwargs))


@extend_schema_view(post=extend_schema(responses=LoginAnswer))
class LoginView(PasswordLoginMixin, rest_auth_views.LoginView):
    """The browser's login: sets the `access` and `refresh` cookies; the body has no token.

    A token in the body would be readable by any script on the page, which is what the
    httpOnly cookies are there to prevent. The login also issues a new CSRF token (the
    `csrftoken` cookie, readable by the page), as Django's own login does: a cookie
    client must echo it in `X-CSRFToken` for every unsafe request, and a token planted
    before the login is worthless after it.

    The login itself needs the CSRF token too (from `csrf/`): a form on another site
    could otherwise log the browser in to the attacker's account (login CSRF), and
    `SameSite=Lax` does not stop the cookies of a top-level POST's answer. An app logs
    in at `token/`, which sets no cookie and so needs no CSRF token.
    """

    schema_error_codes = {403}  # no CSRF token

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method == "POST":  # any other method is a 405, CSRF token or not
            JWTCookieAuthentication().enforce_csrf(request)

    def login(self):
        super().login()
        rotate_token(self.request)

    def get_response(self):
        response = super().get_response()
        response.data = {"user": response.data["user"]}
        return response


@extend_schema_view(post=extend_schema(responses=TokenAnswer))
class BearerLoginView(PasswordLoginMixin, rest_auth_views.LoginView):
    """An app's login: both tokens in the body, no cookie set.

    The app keeps them itself and sends `Authorization: Bearer <access>`, which needs no
    CSRF token, and the refresh token in the body of `token/refresh/` and `logout/`.
    A separate endpoint, so that no request a page script can make answers a token.
    """

    def get_response(self):
        user = rest_auth_settings.USER_DETAILS_SERIALIZER(
            self.user, context=self.get_serializer_context()
        )
        body = {"access": str(self.access_token), "refresh": str(self.refresh_token)}
        return Response({**body, "user": user.data})


LogoutRequest = inline_serializer(
    "LogoutRequest",
    {"refresh": serializers.CharField(required=False, help_text="Bearer clients only.")},
)


class LogoutView(TokenCookieCsrfMixin, rest_auth_views.LogoutView):
    """Blacklists the refresh token and deletes both cookies. POST only.

    The token comes from the body (Bearer clients) or from the refresh cookie; when a
    token cookie is sent, the CSRF token must come too, body or not (csrf.py). A refused
    logout leaves the cookies alone: a forged one must not log the user out that way.
    dj-rest-auth reads only the cookie once the cookies are httpOnly, so a Bearer client
    could not log out.

    dj-rest-auth's view also has a GET, refused unless `ACCOUNT_LOGOUT_ON_GET` is set,
    yet listed in the `Allow` header. A logout by GET could be triggered by any page
    (an `<img>` is enough), so this one does not have it at all.

    Without a refresh token, dj-rest-auth still blacklists a token it makes up on the
    spot, so every such request, even an anonymous one, wrote two rows that nothing
    needed. Here it writes nothing and answers 401.
    """

    http_method_names = ["post", "options"]
    schema_error_codes = {401, 403}  # no refresh token; a cookie without the CSRF token
    # The refresh token is the credential here. Were the access cookie read as well, one
    # that had expired would make the logout a 401: the browser could not log out.
    authentication_classes = []

    @extend_schema(request=LogoutRequest, responses=Detail)
    def post(self, request, *args, **kwargs):
        raw = refresh_from_body(request) or request.COOKIES.get(
            rest_auth_settings.JWT_AUTH_REFRESH_COOKIE
        )
        if raw is None:
            response = Response(
                {"detail": _("No refresh token: send it in the body or in its cookie.")},
                status=status.HTTP_401_UNAUTHORIZED,
            )
        else:
            response = Response({"detail": _("Successfully logged out.")})
            try:
                RefreshToken(raw).blacklist()
            except TokenError as error:
                response = Response(
                    {"detail": str(error), "code": "token_not_valid"},
                    status=status.HTTP_401_UNAUTHORIZED,
                )
        if response.status_code == status.HTTP_200_OK:
            unset_jwt_cookies(response)
        return response


@extend_schema_view(post=extend_schema(responses=RefreshAnswer))
class TokenRefreshView(TokenCookieCsrfMixin, get_refresh_view()):
    """New tokens for a refresh token; a deleted user's token is a 401.

    From the cookie (a browser; the CSRF token is needed, csrf.py): new cookies, and no
    token in the body, so a script on the page cannot obtain one by refreshing. From
    the body (an app): the new tokens in the body, and no cookie.
    """

    serializer_class = CookieTokenRefreshSerializer
    schema_error_codes = {401, 403}

    def finalize_response(self, request, response, *args, **kwargs):
        # Only a refresh that worked sets cookies. Any other answer (an error, OPTIONS)
        # may come with a body DRF cannot read (a 413, a 415), and `request.data` would
        # raise again here, outside DRF's error handling: a 500.
        refreshed = request.method == "POST" and response.status_code == status.HTTP_200_OK
        if not refreshed or refresh_from_body(request) is not None:  # no cookie to set
            return APIView.finalize_response(self, request, response, *args, **kwargs)
        response = super().finalize_response(request, response, *args, **kwargs)
        response.data.pop("access", None)
        return response


@extend_schema(responses={200: EMPTY_OBJECT})
class TokenVerifyView(jwt_views.TokenVerifyView):
    """Any token -> 200 {} if it is genuine, unexpired and not blacklisted; else a 401."""

    schema_error_codes = {401}


@extend_schema_view(post=extend_schema(responses={201: Detail}))
class RegisterView(registration_views.RegisterView):
    """Creates the account and mails the verification link (throttled).

    An address that already has an account gets the same answer, no new account, and an
    email saying so (registration.py).

    allauth's sign-up is written for HTML pages: it parks the half-finished login in a
    session, so that the browser can carry on once the email is verified. An API client
    logs in with its password instead, and this chapter has no sessions, so the session
    is dropped before the answer goes out (no `sessionid` cookie, no session row).
    """

    serializer_class = RegisterSerializer

    def perform_create(self, serializer):
        user = serializer.save(self.request)
        if user is not None:
            complete_signup(self.request._request, user, allauth_settings.EMAIL_VERIFICATION, None)
        self.request.session.flush()
        return user


@extend_schema_view(post=extend_schema(responses=Detail))
class VerifyEmailView(SingleUseVerifyEmailView):
    """Verifies an address from the key in its email, once; an unknown or used key is a 404."""

    throttle_classes = GUESSING_BUDGET
    schema_error_codes = {404}


@extend_schema_view(post=extend_schema(responses={200: Detail}))
class ResendEmailVerificationView(registration_views.ResendEmailVerificationView):
    """Mails a new verification link; the answer is the same for any address (throttled).

    allauth stores addresses in lower case; dj-rest-auth looked the typed one up as it
    was, so `Carol@Example.com` silently got no mail.
    """

    throttle_scope = "dj_rest_auth"

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        address = self.get_queryset().filter(email__iexact=email, verified=False).first()
        if address is not None:
            address.send_confirmation(request)
        return Response({"detail": _("ok")})


class PasswordChangeView(rest_auth_views.PasswordChangeView):
    """Old password + new one twice; ends every login, this one's too (its cookies go).

    The new password's save announces `credentials_revoked` (api/signals.py), which ends
    every token issued before it. The changer logs in again with the new password: a
    flow that kept one login alive would have to tell it apart from a stolen copy.
    (dj-rest-auth's `LOGOUT_ON_PASSWORD_CHANGE` only concerns Django sessions.)
    """

    throttle_classes = GUESSING_BUDGET

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        unset_jwt_cookies(response)
        return response


class PasswordResetConfirmView(rest_auth_views.PasswordResetConfirmView):
    """uid, token and the new password twice: the link works once (passwords.py)."""

    serializer_class = PasswordResetConfirmSerializer
    throttle_classes = GUESSING_BUDGET


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
