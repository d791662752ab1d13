"""The values that differ on every run, and how recorded text stands for any of them.

A README records one run's dates, keys and tokens. Comparing another run's output with
it needs to know which parts of the text are such values, and of what kind: a date only
has to look like one, while a key must be remembered, because a later command copies it.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Volatile:
    """A value that differs on every run. A `kept` one may be copied into later commands."""

    name: str
    pattern: str  # no capturing groups of its own
    kept: bool


VOLATILES = [
    # HTTP dates (the Date header, cookie expiry), but not the 1970 that deletes a cookie.
    Volatile(
        "date",
        r"(?!Thu, 01 Jan 1970)[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT",
        kept=False,
    ),
    Volatile("timestamp", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z", kept=False),
    # A JWT's `exp` and `iat` claims (compact or json.dumps spacing), a cookie jar's expiry.
    Volatile(
        "epoch",
        r'(?:(?<="exp":)|(?<="exp": )|(?<="iat":)|(?<="iat": )|(?<=\tFALSE\t))\d{10}(?!\d)',
        kept=False,
    ),
    Volatile("server", r"(?<=Server: )WSGIServer/[\d.]+ CPython/[\d.]+", kept=False),
    # How long a throttle still holds: one second more or less is timing, not behaviour.
    Volatile(
        "seconds",
        r"(?<=Retry-After: )\d+|(?<=Expected available in )\d+(?= seconds?\.)",
        kept=False,
    ),
    Volatile("jwt", r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+", kept=True),
    # Django's token generator (activation and reset links): base-36 time, dash, 32 hex.
    Volatile("link_token", r"(?<![\w-])[0-9a-z]{1,13}-[0-9a-f]{32}(?![\w-])", kept=True),
    # allauth's email confirmation key: a signed value, `value:time:signature`.
    Volatile("confirm_key", r"(?<![\w:-])[\w-]+:[0-9A-Za-z]+:[\w-]{43}(?![\w-])", kept=True),
    Volatile("token_key", r"(?<![\w-])[0-9a-f]{40}(?![\w-])", kept=True),  # DRF's authtoken
    Volatile("jti", r"(?<![\w-])[0-9a-f]{32}(?![\w-])", kept=True),
    # OAuth 2 (06): oauthlib's codes, access and refresh tokens are 30 letters and digits;
    # the demo confidential client's secret is 64 hex digits.
    Volatile("oauth_token", r"(?<![\w-])[0-9A-Za-z]{30}(?![\w-])", kept=True),
    Volatile("client_secret", r"(?<![\w-])[0-9a-f]{64}(?![\w-])", kept=True),
    Volatile(
        "csrf", r"(?<=csrftoken=)[0-9A-Za-z]{32}|(?<=\tcsrftoken\t)[0-9A-Za-z]{32}", kept=True
    ),
    # allauth headless (07): when a login or an authenticator happened (epoch seconds, with
    # a fraction), the app client's session token (a session key), the emailed code, and
    # a TOTP secret (base32).
    Volatile(
        "headless_time",
        r'(?:(?<="at": )|(?<="created_at": )|(?<="last_used_at": ))\d{10}(?:\.\d+)?',
        kept=False,
    ),
    Volatile("session_token", r'(?<="session_token": ")[a-z0-9]{32}(?=")', kept=True),
    Volatile("email_code", r"(?<![\w-])[A-Z0-9]{4}-[A-Z0-9]{4}(?![\w-])", kept=True),
    Volatile(
        "totp_secret", r'(?<="secret": ")[A-Z2-7]{32}(?=")|(?<=secret=)[A-Z2-7]{32}', kept=True
    ),
]
KEPT = {volatile.name for volatile in VOLATILES if volatile.kept}
VOLATILE = re.compile("|".join(f"(?P<{v.name}>{v.pattern})" for v in VOLATILES))
PATTERNS = {volatile.name: volatile.pattern for volatile in VOLATILES}


def mask(text):
    """The text with every volatile value replaced by its kind, for a readable diff."""
    return VOLATILE.sub(lambda match: f"<{match.lastgroup}>", text)


def recorded_pattern(text):
    """A regex for recorded text: the text itself, with a group for each volatile value.

    Answers the pattern's source and the (kind, recorded value) of each group, in order.
    """
    source, recorded, position = [], [], 0
    for match in VOLATILE.finditer(text):
        source += [re.escape(text[position : match.start()]), f"({PATTERNS[match.lastgroup]})"]
        recorded.append((match.lastgroup, match.group()))
        position = match.end()
    source.append(re.escape(text[position:]))
    return "".join(source), recorded
