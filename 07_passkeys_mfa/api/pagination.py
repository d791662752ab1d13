from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`?page=` and `?page_size=`, with a ceiling no client can lift.

    A page size above the ceiling is lowered to it; one that is not a positive whole
    number is a 400, rather than being silently replaced by the default.
    """

    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # isdigit() alone also passes "²" and other digits that int() refuses.
        digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
        if not digits:
            raise ValidationError({self.page_size_query_param: ["Use a whole number from 1."]})
        # Longer than the ceiling is above it; int() refuses over 4,300 digits anyway.
        if len(digits) > len(str(self.max_page_size)):
            return self.max_page_size
        return min(int(digits), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] += f" Values above {self.max_page_size} are capped."
        return parameters
