"""How the OpenAPI schema (and Swagger UI) describes this chapter's security scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class OAuth2Scheme(OpenApiAuthenticationExtension):
    """An OAuth 2 scheme with the authorization code flow and its two scopes."""

    target_class = "accounts.authentication.OAuth2Authentication"
    name = "oauth2"
    # Ahead of drf-spectacular's own extension for DOT's class, which this one extends.
    priority = 1

    def get_security_definition(self, auto_schema):
        from oauth2_provider.settings import oauth2_settings

        return {
            "type": "oauth2",
            "description": "`Authorization: Bearer <access token>`, a token from the "
            "authorization code flow with PKCE "
            "(or, for public data only, from the client credentials grant).",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "/o/authorize/",
                    "tokenUrl": "/o/token/",
                    "refreshUrl": "/o/token/",
                    "scopes": oauth2_settings.SCOPES,
                },
                "clientCredentials": {"tokenUrl": "/o/token/", "scopes": oauth2_settings.SCOPES},
            },
        }
