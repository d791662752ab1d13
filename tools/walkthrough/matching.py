"""Whether a command's output is the one the README recorded under it, and if not, how not.

Outputs are compared as a terminal shows them, with volatile values (masks.py) matched
by kind. What is compared beyond the text: a JWT must say what the recorded one says, and
a copied key must stand for one value only (copies.py).
"""

import base64
import binascii
import difflib
import json
import re

from .masks import mask, recorded_pattern

ALLOW = re.compile(r"^Allow: (.*)$", re.M)


def normalise(text):
    """What a terminal shows: no carriage returns, trailing blanks or final newlines."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def unordered(text):
    """The text with each `Allow:` header's methods sorted.

    DRF's `@api_view` keeps the methods in a set, so their order changes with the server
    process's hash seed. The order means nothing (RFC 9110); the methods do.
    """
    return ALLOW.sub(lambda match: "Allow: " + ", ".join(sorted(match[1].split(", "))), text)


# Claims that differ on every run: when a token was made, its id, and the id of the login
# it descends from (`fam`, which 03 to 05 use to revoke a stolen refresh token's family).
RUN_CLAIMS = {"exp", "iat", "jti", "fam"}


def claims(token):
    """What a JWT says, but for when it was made and its ids; None if it is not one."""
    try:
        header, payload = (
            json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
            for part in token.split(".")[:2]
        )
        lifetime = payload["exp"] - payload["iat"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    said = {key: value for key, value in payload.items() if key not in RUN_CLAIMS}
    return {"header": header, "claims": said, "lifetime": lifetime}


def same_kind_of_token(old, new):
    """Same header and claims, and the same lifetime to the second.

    SimpleJWT dates an access token's `exp` from when the refresh token was made and its
    `iat` from its own making, so a second can tick over in between: 299 is 300.
    """
    old, new = claims(old), claims(new)
    if old is None or new is None:
        return old == new
    return old.pop("lifetime") - new.pop("lifetime") in {-1, 0, 1} and old == new


def check_captured(recorded, actual, copies):
    """Problems with the real values behind an output's recorded volatile ones.

    A JWT is masked, but what it says is not: the same user, type and lifetime.
    """
    problems = [
        f"The token says {claims(new)}; the README's says {claims(old)}."
        for (kind, old), new in zip(recorded, actual, strict=True)
        if kind == "jwt" and not same_kind_of_token(old, new)
    ]
    return problems + copies.learn(recorded, actual)


def compare(expected, actual, copies):
    """Problems with an output: a diff when it differs, or a contradicted copy."""
    expected, actual = unordered(expected), unordered(actual)
    source, recorded = recorded_pattern(expected)
    match = re.fullmatch(source, actual)
    if match is None:
        return [diff(expected, actual)]
    return check_captured(recorded, match.groups(), copies)


def diff(expected, actual):
    """A unified diff of the two outputs, masked, or both in full when masking hides it."""
    expected_lines, actual_lines = mask(expected).splitlines(), mask(actual).splitlines()
    if expected_lines == actual_lines:  # a volatile value in an unexpected shape
        expected_lines, actual_lines = expected.splitlines(), actual.splitlines()
    lines = difflib.unified_diff(expected_lines, actual_lines, "README", "actual", lineterm="")
    return "\n".join(lines)
