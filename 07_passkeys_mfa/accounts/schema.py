"""Tells drf-spectacular how the app client authenticates: an API key in `X-Session-Token`."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class XSessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.XSessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "The session token of headless's app login (/_allauth/app/v1/).",
        }
