"""Whether a browser says that a request was sent by a page of another site.

Browsers add two headers that a page cannot forge, and that curl and scripts do not send:

- `Origin`, on every request that is neither GET nor HEAD: the scheme, host and port
  of the page that sent it;
- `Sec-Fetch-Site` (the Fetch Metadata standard): `same-origin`, `same-site`,
  `cross-site`, or `none` when the user typed the address.

The rule is Django's own for the CSRF check of a session request: only this site's
origin and `CSRF_TRUSTED_ORIGINS` are trusted. So `same-site` counts as cross-site: a
sibling subdomain or another port of the same host (another app on `localhost:3000`)
is a different origin, with pages this API does not control.
"""

from django.middleware.csrf import CsrfViewMiddleware

UNTRUSTED_FETCH_SITES = {"cross-site", "same-site"}


def is_cross_site(request):
    """True when the browser marked `request` as sent from an origin this site does not trust.

    With neither header (curl, scripts, old browsers) it is False: nothing says so.
    """
    if "HTTP_ORIGIN" in request.META:
        # Django's comparison of Origin with this site and CSRF_TRUSTED_ORIGINS, so the
        # two checks cannot disagree. "null" (a sandboxed frame, a data: URL) never matches.
        return not CsrfViewMiddleware(get_response=lambda request: None)._origin_verified(request)
    return request.META.get("HTTP_SEC_FETCH_SITE", "").strip().lower() in UNTRUSTED_FETCH_SITES
