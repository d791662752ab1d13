"""A refused CSRF check answers JSON, like every other error of this chapter.

headless's browser endpoints are plain Django views, so Django's CSRF middleware guards
them, and its failure page is HTML. A page's script reads this instead, worded as DRF
words the same refusal on the API's own views.
"""

from django.http import JsonResponse


def csrf_failure(request, reason=""):
    return JsonResponse({"detail": f"CSRF Failed: {reason}"}, status=403)
