"""SimpleJWT's views, of which only the one that checks a password needs a change."""

from rest_framework_simplejwt import views as jwt_views

from api.throttles import LoginRateThrottle


class TokenObtainPairView(jwt_views.TokenObtainPairView):
    """Answers an access token and a refresh token for a username and password.

    SimpleJWT's view has no throttle, so nothing would slow down password guessing.
    This one counts every attempt in the `login` scope, per client address.

    The refresh, verify and blacklist views are left unthrottled on purpose: they check
    a signature, not a password. A forged token fails that check without a database
    query, and a genuine one cannot be guessed.
    """

    throttle_classes = [LoginRateThrottle]
