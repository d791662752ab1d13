"""Matching an output with the recorded one, and copying recorded values into commands."""

import base64
import json

from tools.walkthrough.copies import Copies
from tools.walkthrough.matching import compare, normalise, same_kind_of_token, unordered

RECORDED_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
REAL_KEY = "0123456789abcdef0123456789abcdef01234567"
ANOTHER_KEY = "fedcba9876543210fedcba9876543210fedcba98"


def jwt(**payload):
    """An unsigned token with this payload: matching reads claims, never signatures."""

    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


def test_normalise_drops_carriage_returns_trailing_blanks_and_final_newlines():
    assert normalise("HTTP/1.1 200 OK\r\nAllow: GET  \r\n\r\n") == "HTTP/1.1 200 OK\nAllow: GET"


def test_the_methods_of_an_allow_header_are_compared_in_any_order():
    assert unordered("Allow: POST, GET, OPTIONS") == "Allow: GET, OPTIONS, POST"


def test_an_output_that_differs_only_in_a_key_has_no_problems():
    assert compare(f'{{"token":"{RECORDED_KEY}"}}', f'{{"token":"{REAL_KEY}"}}', Copies()) == []


def test_an_output_that_differs_in_text_gives_a_masked_diff():
    [problem] = compare('{"detail":"ok"}', '{"detail":"no"}', Copies())
    assert '-{"detail":"ok"}\n+{"detail":"no"}' in problem


def test_a_copied_key_runs_as_the_real_one():
    copies = Copies()
    compare(RECORDED_KEY, REAL_KEY, copies)
    assert copies.apply(f"curl -H 'Authorization: Token {RECORDED_KEY}'") == (
        f"curl -H 'Authorization: Token {REAL_KEY}'"
    )


def test_a_recorded_key_that_comes_back_as_another_real_key_is_a_problem():
    copies = Copies()
    compare(RECORDED_KEY, REAL_KEY, copies)
    assert compare(RECORDED_KEY, ANOTHER_KEY, copies) == [
        f"{RECORDED_KEY} stood for {REAL_KEY} before, now for {ANOTHER_KEY}"
    ]


def test_tokens_whose_lifetimes_differ_by_a_second_are_the_same_kind():
    old = jwt(token_type="access", user_id="1", iat=1000, exp=1300, jti="a")
    new = jwt(token_type="access", user_id="1", iat=2000, exp=2299, jti="b")
    assert same_kind_of_token(old, new)


def test_tokens_for_other_users_are_not_the_same_kind():
    old = jwt(token_type="access", user_id="1", iat=1000, exp=1300)
    new = jwt(token_type="access", user_id="2", iat=1000, exp=1300)
    assert not same_kind_of_token(old, new)


def test_a_token_that_says_something_else_is_a_problem_although_its_text_matches():
    old = jwt(token_type="access", user_id="1", iat=1000, exp=1300)
    new = jwt(token_type="refresh", user_id="1", iat=1000, exp=1300)
    [problem] = compare(old, new, Copies())
    assert problem.startswith("The token says {'header': ")
