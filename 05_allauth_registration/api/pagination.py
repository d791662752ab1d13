from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`?page=` and `?page_size=`, with a ceiling no client can lift."""

    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = 100
