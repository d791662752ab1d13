"""Each login description (shared_tests/adapters/) holds what its capabilities need.

A capability promises operations that the generic code builds from the description's
data; a description that claims one without the data would fail deep inside a strategy
test. These fail first, naming what is missing.
"""

import pytest

from .adapters.description import Body, CookieAndCsrf, Cookies, PasswordForm, Steps

# The description field each capability needs.
NEEDS = {
    "refresh-rotation": "refresh",
    "logout-everywhere": "logout_everywhere",
    "registration": "accounts",
    "email-verification": "accounts",
    "password-reset": "accounts",
}


@pytest.mark.parametrize("capability", sorted(NEEDS))
def test_a_capability_comes_with_the_data_its_operations_need(adapter, capability):
    if capability not in adapter.capabilities:
        pytest.skip(f"{adapter.name} does not claim {capability}")
    field = NEEDS[capability]
    assert getattr(adapter.description, field) is not None, f"{capability} needs {field}"


def test_a_refresh_token_comes_back_where_refresh_rotation_reads_it(adapter):
    if "refresh-rotation" not in adapter.capabilities:
        pytest.skip(f"{adapter.name} does not claim refresh-rotation")
    returned = adapter.description.returned
    assert isinstance(returned, Body | Cookies), f"{adapter.name} names where tokens come back"
    assert returned.refresh, f"{adapter.name} names the refresh token's field or cookie"


def test_a_login_that_answers_a_credential_says_where_it_comes_back(adapter):
    if not isinstance(adapter.description.password, PasswordForm | Steps):
        pytest.skip(f"{adapter.name}'s password goes with every request")
    assert adapter.description.returned is not None, f"{adapter.name} names `returned`"


def test_every_password_check_has_a_name_of_its_own(adapter):
    names = [check.name for check in adapter.password_checks()]
    assert len(names) == len(set(names)), names


def test_a_cookie_credential_is_sent_as_a_cookie(adapter):
    """A `Cookies` credential goes back as cookies (with CSRF), a `Body` one in a header."""
    returned, sent = adapter.description.returned, adapter.description.sent
    if returned is None:
        pytest.skip(f"{adapter.name} gets nothing back")
    assert isinstance(returned, Cookies) == isinstance(sent, CookieAndCsrf), (
        f"{adapter.name}: returned {returned} but sent {sent}"
    )
