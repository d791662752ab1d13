"""Makes Django's own 404 pages JSON, and points a slashless URL at the right one."""

from django.http import JsonResponse
from django.urls import Resolver404, resolve


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
