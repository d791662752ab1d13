"""A Content-Security-Policy on every HTML page: the browsable API, Swagger UI, the admin.

The policy (`CONTENT_SECURITY_POLICY` in base_settings) lets a page run only scripts
served by this origin as files, never inline ones, so markup injected into a page (a
menu item's title rendered by a careless template) cannot run. JSON answers get no
policy: a browser never runs them, and `X-Content-Type-Options: nosniff` stops it from
reading one as HTML.
"""

from csp.middleware import CSPMiddleware


class HTMLContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, applied to `text/html` answers only."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
