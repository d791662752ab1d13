"""Every error a client can cause is answered in JSON."""

from django.core.exceptions import RequestDataTooBig
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus two Django errors that would otherwise become a 500 or HTML.

    - `RequestDataTooBig`: the body is over `DATA_UPLOAD_MAX_MEMORY_SIZE`.
    - `ProtectedError`: deleting a row that others still point to (a category in use).
    """
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "Request body is too large."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "This object is still in use and cannot be deleted."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
