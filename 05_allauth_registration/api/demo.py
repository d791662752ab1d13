"""/demo/: one page and one script that use this chapter's login the way a browser app would.

The page is the same in every chapter (templates/demo/, static/demo/). What differs is
the login, so the chapter's settings describe it in `DEMO_CLIENT` (the endpoints, where
the credential comes back, how it is sent, where the page keeps it), and the page reads
that from a JSON data block: the Content-Security-Policy runs no inline script, but a
block of data is not a script.

Also the other page a browser client comes back to: Swagger UI's OAuth 2 return page
(chapter 06's Authorize), /api/docs/oauth2-redirect.html.
"""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD")


def read_only(view):
    """GET and HEAD only; any other method gets the JSON 405 the API answers, not a page.

    Exempt from CSRF so that a POST gets that 405, not the CSRF check's HTML 403 page:
    the views write nothing, whatever the method.
    """

    @csrf_exempt
    @wraps(view)
    def checked(request):
        if request.method not in SAFE_METHODS:
            detail = f'Method "{request.method}" not allowed.'
            response = JsonResponse({"detail": detail}, status=405)
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return view(request)

    return checked


@read_only
def demo(request):
    """The page."""
    return render(request, "demo/index.html", {"client": settings.DEMO_CLIENT})


@read_only
def swagger_oauth2_redirect(request):
    """Swagger UI's OAuth 2 pop-up lands here with the code, and hands it to the window
    that opened it. The sidecar's own oauth2-redirect.html, served as a page of the app
    rather than a static file: runserver serves static files past the middleware, with
    no Cross-Origin-Opener-Policy, and a pop-up whose policy differs from its opener's
    (same-origin) loses `window.opener`."""
    return render(request, "demo/oauth2-redirect.html")
