from api.throttles import UserRateThrottle


class LogoutThrottle(UserRateThrottle):
    """Limits logging out (deleting the key, on every client at once) per user, at the
    `login` rate.

    Each call deletes a row, so it is not free; and its own scope keeps the user's other
    requests (menu reads spend the `user` rate) from ever standing in its way.
    """

    scope = "login"
    # Its own history, apart from the guesses per address (`throttle_login_<address>`).
    cache_format = "throttle_%(scope)s_user_%(ident)s"
