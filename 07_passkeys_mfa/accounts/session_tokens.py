"""The app client's session token, looked up in one query instead of two.

headless's `SessionTokenStrategy` (allauth 65.22.1) asks the session store whether the
token's session exists, then loads it: two queries on every API request. allauth's own
`sessionkit.lookup_session` does both in one (a missing or expired session simply loads
empty), and says so in its docstring; the strategy just does not use it yet.
"""

from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy


class OneQuerySessionTokenStrategy(SessionTokenStrategy):
    def lookup_session(self, session_token):
        return sessionkit.lookup_session(session_token)
