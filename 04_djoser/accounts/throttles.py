"""The limit on `/auth/token/logout/`, which is this chapter's key "log out everywhere"."""

from api.throttles import UserRateThrottle


class LogoutThrottle(UserRateThrottle):
    """Limits deleting the key (every key login of the user at once) per user, at the
    `login` rate.

    Each call deletes a row, so it is not free; and its own history keeps the user's other
    requests (menu reads spend the `user` rate) and the address's password guesses
    (`throttle_login_<address>`) from ever standing in its way.
    """

    scope = "login"
    cache_format = "throttle_%(scope)s_user_%(ident)s"
