import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

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
