"""/demo/: one page and one script that use this chapter's login the way a browser app would.

The page is the same in every chapter (templates/demo/, static/demo/). What differs is
the login, so the chapter's settings describe it in `DEMO_CLIENT` (the endpoints, where
the credential comes back, how it is sent, where the page keeps it), and the page reads
that from a JSON data block: the Content-Security-Policy runs no inline script, but a
block of data is not a script.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD")


# Exempt so that a POST gets the JSON 405 below, not the CSRF check's HTML 403 page: the
# view writes nothing, whatever the method.
@csrf_exempt
def demo(request):
    """The page. Any other method gets the JSON 405 the API answers, not an HTML page."""
    if request.method not in SAFE_METHODS:
        detail = f'Method "{request.method}" not allowed.'
        response = JsonResponse({"detail": detail}, status=405)
        response["Allow"] = ", ".join(SAFE_METHODS)
        return response
    return render(request, "demo/index.html", {"client": settings.DEMO_CLIENT})
