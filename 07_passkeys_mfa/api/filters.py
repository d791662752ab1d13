import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from .models import MenuItem

BIGINT_MAX = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(django_filters.NumberFilter):
    """A primary key: a whole number in the database's range, or a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=BIGINT_MAX, **kwargs)


class MenuItemFilter(django_filters.FilterSet):
    """`?category=<id>`: an id that matches nothing is an empty page, not an error."""

    category = IdFilter(field_name="category_id")

    class Meta:
        model = MenuItem
        fields = ["category"]


class SearchFilter(filters.SearchFilter):
    """DRF's `?search=`, whose 400 names the parameter like every other 400.

    DRF checks the terms with a bare CharField, so a NUL byte was answered with a JSON
    list, `["Null characters are not allowed."]`, not the object the schema promises.
    """

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from None
