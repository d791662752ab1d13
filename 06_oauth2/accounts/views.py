"""The authorization server's pages and endpoints, as this chapter serves them.

Mostly django-oauth-toolkit's own views; what differs:

- the login page is Django's, throttled with the `login` budget;
- the authorization page and userinfo answer errors in JSON, like the API (an
  unknown client, a redirect URI that is not registered, a token without `openid`);
- introspection answers confidential clients only;
- "log out everywhere" ends every token of the user, on every client.
"""

import base64
import binascii

from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from oauth2_provider import views as oauth2_views
from oauth2_provider.models import get_application_model
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.signals import LOGOUT_EVERYWHERE, revoke_credentials
from api.throttles import LogoutRateThrottle, login_throttled


class LoginView(auth_views.LoginView):
    """Django's login form; a refused password shows the form again, as a 400.

    A 200 would tell a script that the login worked; the page looks the same to a person.

    A login whose password check raced a password change or a deactivation (on another
    worker) would start a session for a user whose credentials were just revoked: so
    once the session exists, the user's row is read again, and if the password or
    `is_active` changed since the check, the session ends and the login is refused.
    """

    def form_valid(self, form):
        checked = form.get_user()
        response = super().form_valid(form)
        stored = (
            type(checked)
            ._base_manager.filter(pk=checked.pk)
            .values("password", "is_active")
            .first()
        )
        if stored != {"password": checked.password, "is_active": True}:
            auth_logout(self.request)
            form.add_error(None, _("Your account changed while you logged in. Try again."))
            return self.form_invalid(form)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


# The resource owner's login form, throttled, and its logout (POST only).
login = login_throttled(LoginView.as_view())
logout = auth_views.LogoutView.as_view()


def oauth_error(error, description, status):
    return JsonResponse({"error": error, "error_description": description}, status=status)


class AuthorizationView(oauth2_views.AuthorizationView):
    """DOT's consent page; an error it must not redirect with is JSON, not a page."""

    def render_to_response(self, context, **kwargs):
        error = context.get("error")
        if error is not None:
            status = kwargs.get("status", 400)
            return oauth_error(error.error, error.description or "", status)
        return super().render_to_response(context, **kwargs)


class UserInfoView(oauth2_views.UserInfoView):
    """OpenID Connect's userinfo; a refused token is answered in JSON, not an empty page.

    oauthlib names the reason in the `WWW-Authenticate` challenge, which is kept.
    """

    def _create_userinfo_response(self, request):
        response = super()._create_userinfo_response(request)
        if response.status_code < 400:
            return response
        description = "userinfo needs a valid access token with the openid scope."
        refusal = oauth_error("invalid_token", description, response.status_code)
        if response.has_header("WWW-Authenticate"):
            refusal["WWW-Authenticate"] = response["WWW-Authenticate"]
        return refusal


def client_named(request):
    """The client id a request authenticates as: Basic header first, then the body."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, _, _ = decoded.partition(":")
        return client_id
    return request.POST.get("client_id")


# A client posts no CSRF token: it proves itself with its secret (as DOT's own view).
@method_decorator(csrf_exempt, name="dispatch")
class IntrospectTokenView(oauth2_views.IntrospectTokenView):
    """RFC 7662 for confidential clients: a public client has no secret to prove itself.

    DOT would also accept a bearer token holding an `introspection` scope; this server
    offers no such scope, so a client's id and secret are the only way in.
    """

    def dispatch(self, request, *args, **kwargs):
        client_id = client_named(request)
        Application = get_application_model()
        confidential = Application.objects.filter(
            client_id=client_id or "", client_type=Application.CLIENT_CONFIDENTIAL
        ).exists()
        if not confidential:
            description = "Token introspection needs a confidential client's id and secret."
            response = oauth_error("invalid_client", description, 401)
            response["WWW-Authenticate"] = 'Basic realm="introspection"'
            return response
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 403:  # DOT's bare 403: the secret was wrong
            return oauth_error("invalid_client", "Client authentication failed.", 401)
        return response


Detail = inline_serializer("LogoutEverywhereAnswer", {"detail": serializers.CharField()})


class LogoutEverywhereView(APIView):
    """Ends every access and refresh token of the token's user, on every client.

    It sends `credentials_revoked` (reason `logout-everywhere`), the path a password
    change also takes (accounts/revocation.py). It needs a user's token with `write`.
    """

    permission_classes = [IsAuthenticated]
    throttle_classes = [LogoutRateThrottle]
    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses=Detail)
    def post(self, request):
        revoke_credentials(request.user, LOGOUT_EVERYWHERE)
        return Response({"detail": _("Every token of this account was revoked.")})


def csrf_failure(request, reason=""):
    """A refused CSRF check answers JSON, like every other error here."""
    return JsonResponse({"detail": f"CSRF Failed: {reason}"}, status=403)
