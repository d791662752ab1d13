"""How the OpenAPI schema describes this chapter's `Authorization: Token <key>` header."""

from drf_spectacular.authentication import TokenScheme

TYPE_THE_PREFIX = (
    "Type `Token <key>`: the word Token, a space, then the key that POST "
    "/api/api-token-auth/ answers. A bare key is sent as it is, and gets 401."
)


class TokenKeyScheme(TokenScheme):
    """drf-spectacular's scheme for `TokenAuthentication`, saying what to type.

    OpenAPI 3.0 has an HTTP scheme for `Bearer` only, so a `Token` header is described as
    an API key, and Swagger UI sends exactly what is typed into its Authorize dialog. A
    bare key shows as "Authorized" there and then gets 401, so the dialog says to type
    the prefix too.
    """

    priority = 0  # wins over drf-spectacular's own extension for the class (-1)

    def get_security_definition(self, auto_schema):
        scheme = super().get_security_definition(auto_schema)
        scheme["description"] = TYPE_THE_PREFIX
        return scheme
