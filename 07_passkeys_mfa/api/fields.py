"""Serializer fields that take JSON types at their word.

DRF is lenient by default: a CharField turns `0` into `"0"`, a BooleanField turns `0`
or `"no"` into `False`, a DecimalField takes `4.5` as well as `"4.50"`. The schema
promises one type per field, so these fields refuse the others. HTML forms from the
browsable API send every value as text, and are still accepted.
"""

from rest_framework import serializers
from rest_framework.utils import html


class StrictTypeMixin:
    json_types = (str,)

    def to_internal_value(self, data):
        from_form = html.is_html_input(getattr(self.root, "initial_data", None))
        if not from_form and not isinstance(data, self.json_types):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(StrictTypeMixin, serializers.CharField):
    pass


class StrictSlugField(StrictTypeMixin, serializers.SlugField):
    pass


class StrictBooleanField(StrictTypeMixin, serializers.BooleanField):
    json_types = (bool,)


class StrictDecimalField(StrictTypeMixin, serializers.DecimalField):
    """Decimals travel as strings ("4.50"), both ways, so no float ever rounds them."""


class NulFreeSlugRelatedField(serializers.SlugRelatedField):
    """Looks an object up by a text field, refusing a NUL byte before the query.

    PostgreSQL cannot compare text with a NUL in it and raises an error, a 500, where
    SQLite simply finds nothing. A NUL is never part of a real slug or username.
    """

    default_error_messages = {"null_characters": "Null characters are not allowed."}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)
