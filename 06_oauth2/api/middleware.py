"""Makes Django's own 404 pages JSON, and points a slashless URL at the right one; a
revocation the credential cache cannot hear of is a 503 JSON on every page."""

from django.http import JsonResponse
from django.urls import Resolver404, resolve

from .credential_cache import CacheUnavailable


class JSONNotFoundMiddleware:
    """Turns any 404 that is not already JSON into one.

    Django answers unknown URLs with an HTML page (a debug page under `DEBUG`).
    `APPEND_SLASH` is off, because its redirect drops a POST body, so a request without
    the trailing slash lands here too, and the answer names the URL that exists.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        detail = "Not found."
        if not request.path_info.endswith("/"):
            try:
                resolve(request.path_info + "/")
            except Resolver404:
                pass
            else:
                detail = f"Not found. Did you mean {request.path}/ (with a trailing slash)?"
        return JsonResponse(
            {"detail": detail}, status=404, json_dumps_params={"separators": (",", ":")}
        )


class CacheUnavailableMiddleware:
    """`CacheUnavailable` from any view, a 503 JSON: nothing was changed, try again.

    DRF's views answer it themselves; Django's and the libraries' own views (the admin,
    allauth's, django-oauth-toolkit's token endpoints) would answer a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CacheUnavailable):
            return None
        response = JsonResponse({"detail": str(exception.detail)}, status=exception.status_code)
        response["Retry-After"] = "1"
        return response
