"""How the OpenAPI schema describes this chapter's two headers and Djoser's user endpoints."""

from drf_spectacular.authentication import TokenScheme
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.plumbing import build_bearer_security_scheme_object

from api.schema import AutoSchema


class BearerOrJWTScheme(SimpleJWTScheme):
    """HTTP Bearer, noting that the `JWT` prefix works too.

    drf-spectacular's own extension warns when SimpleJWT accepts more than one prefix,
    because OpenAPI can name only one. Swagger UI's "Authorize" button sends `Bearer`.
    """

    priority = 1  # wins over drf-spectacular's extension for the same class
    match_subclasses = True  # and describes accounts/jwt_revocation.py's subclass too

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="HTTP_AUTHORIZATION", token_prefix="Bearer", bearer_format="JWT"
        )
        scheme["description"] = "An access token: `Bearer <access>` (or `JWT <access>`)."
        return scheme


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
        scheme["description"] = (
            "Type `Token <key>`: the word Token, a space, then the `auth_token` that POST "
            "/auth/token/login/ answers. A bare key is sent as it is, and gets 401."
        )
        return scheme


class UserViewSetSchema(AutoSchema):
    """Djoser's /auth/users/ endpoints, with the body that deleting an account takes.

    DELETE /auth/users/me/ (and /auth/users/{id}/) reads `{"current_password": ...}` from
    its body and answers 400 when it is missing or wrong. drf-spectacular documents
    bodies only for POST, PUT and PATCH, so both would be missing from the schema.
    """

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        component = self.resolve_serializer(self.get_request_serializer(), direction)
        return {"content": {"application/json": {"schema": component.ref}}, "required": True}

    def _error_codes(self):
        codes = set(super()._error_codes())
        if self.method == "DELETE":
            codes.update({400, 413, 415})  # the body, as for any other request with one
        return sorted(codes)
