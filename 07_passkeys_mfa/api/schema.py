"""OpenAPI generation that documents the errors each operation really answers.

drf-spectacular documents only the success response. A client (or schemathesis) then
meets 401s, 404s and 429s that the schema never mentioned. This class adds them, by
looking at what the view actually does: authentication, permissions, throttles,
request bodies, path parameters and pagination. A view can name codes that none of
these reveal in `schema_error_codes` (a token endpoint's 401 for a bad password, say).
"""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import PROTECT
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS

ERROR = {
    "type": "object",
    "description": 'Usually `{"detail": "..."}`; a 400 maps each invalid field to its errors.',
    "additionalProperties": True,
}

REASONS = {
    400: "The request is invalid: a field, a filter or the JSON itself.",
    401: "Missing, wrong or expired credentials.",
    403: "Authenticated, but not allowed (or the CSRF token is missing).",
    404: "No such object, or not yours, or the page is past the end.",
    409: "The object is still in use and cannot be deleted.",
    413: "The request body is too large.",
    415: "The body is not in a format the API accepts.",
    429: "Too many requests: see the Retry-After header.",
}


class AutoSchema(SpectacularAutoSchema):
    def get_auth(self):
        """Marks authentication optional wherever an anonymous caller would be let in."""
        auths = super().get_auth()
        if {} not in auths and self._allows_anonymous():
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                {"content": {"application/json": {"schema": ERROR}}, "description": REASONS[code]},
            )
        return responses

    def _allows_anonymous(self):
        anonymous = SimpleNamespace(method=self.method, user=AnonymousUser())
        return all(p.has_permission(anonymous, self.view) for p in self.view.get_permissions())

    def _error_codes(self):
        has_body = self.method in ("POST", "PUT", "PATCH")
        codes = set(getattr(self.view, "schema_error_codes", ()))
        if self.view.get_authenticators():
            codes.add(401)
        if not self._allows_anonymous() or (
            self.method not in SAFE_METHODS and self.view.get_authenticators()
        ):
            codes.add(403)  # a permission check, or CSRF on an unsafe request
        if has_body:
            codes.update({400, 413, 415})
        if self.method == "GET" and (
            self._get_filter_parameters() or self._get_pagination_parameters()
        ):
            codes.add(400)
        if "{" in self.path or self._get_pagination_parameters():
            codes.add(404)
        if self.method == "DELETE" and self._has_protected_dependants():
            codes.add(409)
        if self.view.get_throttles() or any(
            getattr(a, "may_throttle", False) for a in self.view.get_authenticators()
        ):
            codes.add(429)
        return sorted(codes)

    def _has_protected_dependants(self):
        queryset = getattr(self.view, "queryset", None)
        return queryset is not None and any(
            getattr(rel, "on_delete", None) is PROTECT
            for rel in queryset.model._meta.related_objects
        )
