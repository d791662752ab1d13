"""Tells drf-spectacular that our Basic class is still HTTP Basic in the OpenAPI schema."""

from drf_spectacular.authentication import BasicScheme


class ThrottledBasicScheme(BasicScheme):
    target_class = "accounts.authentication.ThrottledBasicAuthentication"
    match_subclasses = True  # SameSiteBasicAuthentication, the one in settings
