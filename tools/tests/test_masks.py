"""Masking: which parts of recorded text differ on every run, and which are remembered."""

import re

from tools.walkthrough.masks import KEPT, mask, recorded_pattern

TOKEN_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
OTHER_KEY = "0123456789abcdef0123456789abcdef01234567"


def test_an_http_date_is_masked():
    assert mask("Date: Tue, 01 Dec 2026 19:58:38 GMT") == "Date: <date>"


def test_the_1970_date_that_deletes_a_cookie_is_not_masked():
    line = "expires=Thu, 01 Jan 1970 00:00:00 GMT"
    assert mask(line) == line


def test_a_drf_token_key_is_masked_by_its_kind():
    assert mask(f'{{"token":"{TOKEN_KEY}"}}') == '{"token":"<token_key>"}'


def test_a_jwt_is_masked_by_its_kind():
    assert mask("Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.c2ln") == "Bearer <jwt>"


def test_retry_after_seconds_are_masked():
    assert mask("Retry-After: 57") == "Retry-After: <seconds>"


def test_an_exp_claim_is_masked_but_another_ten_digit_number_is_not():
    assert mask('"exp": 1796155118, "phone": 5550100123') == '"exp": <epoch>, "phone": 5550100123'


def test_keys_and_tokens_are_kept_and_dates_are_not():
    kinds = {"jwt", "link_token", "confirm_key", "token_key", "jti", "csrf"}
    headless = {"session_token", "email_code", "totp_secret"}  # chapter 07
    assert kinds | {"oauth_token", "client_secret"} | headless == KEPT


def test_headless_values_are_masked_by_their_kind():
    answer = '{"at": 1796165843.613377, "session_token": "ihe66o7yrc37fkz057sjmteqmt1e39ss"}'
    assert mask(answer) == '{"at": <headless_time>, "session_token": "<session_token>"}'
    assert mask("Your code:\n\nNQPR-FLPT\n") == "Your code:\n\n<email_code>\n"


def test_an_oauth_token_is_masked_by_its_kind():
    assert mask('{"access_token": "dqsD4iToicrIginBV9oggbYSTnUnIT"}') == (
        '{"access_token": "<oauth_token>"}'
    )


def test_a_recorded_pattern_matches_another_runs_value_of_the_same_kind():
    source, _ = recorded_pattern(f"Authorization: Token {TOKEN_KEY}")
    assert re.fullmatch(source, f"Authorization: Token {OTHER_KEY}")


def test_a_recorded_pattern_does_not_match_other_text():
    source, _ = recorded_pattern(f"Authorization: Token {TOKEN_KEY}")
    assert re.fullmatch(source, f"Authorization: Bearer {OTHER_KEY}") is None


def test_a_recorded_pattern_names_each_recorded_value_in_order():
    _, recorded = recorded_pattern(f"Date: Tue, 01 Dec 2026 19:58:38 GMT\n{TOKEN_KEY}")
    assert recorded == [("date", "Tue, 01 Dec 2026 19:58:38 GMT"), ("token_key", TOKEN_KEY)]
