"""Stateless JWTs, as fast as they can be: what you would run if you gave up revocation.

Not in this chapter's settings: `JWTAuthentication` (jwt_revocation.py) reads the user
so that a deactivation or a password change ends a token at once. This class reads
nothing: the claims are the user (SimpleJWT's `TokenUser`), so a token lives until it
expires, whatever happens to its user. The bench measures it (docs/bench.md) to show
what that state costs.

Checking a token's signature and claims is all that is left, and a client sends the
same token again and again, so each worker checks a token once, as `JWTAuthentication`
does too (`jwt_cache.remembered_token`).
"""

from rest_framework_simplejwt.authentication import JWTStatelessUserAuthentication

from .jwt_cache import remembered_token


class StatelessJWTAuthentication(JWTStatelessUserAuthentication):
    """`Authorization: Bearer <access>`, the user built from its claims, never loaded."""

    def get_validated_token(self, raw_token):
        return remembered_token(raw_token)  # verified once per worker (jwt_cache.py)
