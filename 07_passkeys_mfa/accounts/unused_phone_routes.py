"""Workaround: headless's phone endpoints, routed although this chapter has no phone numbers.

allauth 65.22.1 adds `account/phone`, `auth/phone/verify` and `auth/phone/verify/resend`
to both headless clients whether or not a phone field is configured
(`ACCOUNT_SIGNUP_FIELDS` names none here). `account/phone` then fails with
`AttributeError: 'ManagePhoneView' object has no attribute 'user'` on any method but a
logged-in GET or POST: a 500 (no upstream issue found for it in allauth's tracker when
this was written). These routes come before allauth's and answer what an unknown URL
answers, a JSON 404; drop this module once allauth routes phone endpoints only where
phone numbers are configured.
"""

from django.http import JsonResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

PHONE_ROUTES = r"^_allauth/(?:browser|app)/v1/(?:account/phone|auth/phone/verify(?:/resend)?)$"


@csrf_exempt  # no route: nothing to protect, and every method gets the same 404
def not_served(request):
    return JsonResponse({"detail": "Not found: this chapter has no phone numbers."}, status=404)


urlpatterns = [re_path(PHONE_ROUTES, not_served)]
