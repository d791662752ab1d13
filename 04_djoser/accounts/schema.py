"""How the OpenAPI schema describes this chapter's JWT header."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class BearerOrJWTScheme(SimpleJWTScheme):
    """HTTP Bearer, noting that the `JWT` prefix works too.

    drf-spectacular's own extension warns when SimpleJWT accepts more than one prefix,
    because OpenAPI can name only one. Swagger UI's "Authorize" button sends `Bearer`.
    """

    priority = 1  # wins over drf-spectacular's extension for the same class

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="HTTP_AUTHORIZATION", token_prefix="Bearer", bearer_format="JWT"
        )
        scheme["description"] = "An access token: `Bearer <access>` (or `JWT <access>`)."
        return scheme
