"""A revocation the credential cache cannot hear of answers 503 JSON on every page.

DRF's views turn `CacheUnavailable` (api/credential_cache.py) into a 503 themselves.
The authorization server's endpoints are Django views (DOT's token and revocation
endpoints, the login page, the admin): there the exception would be a 500. Nothing was
changed (the tombstone is written before the change, or the change is rolled back), so
the client may simply try again.
"""

from django.http import JsonResponse

from api.credential_cache import CacheUnavailable


class CacheUnavailableMiddleware:
    """`process_exception`: `CacheUnavailable` from any view becomes its 503."""

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
