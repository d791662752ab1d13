"""XSS stand-in: a script injected into the page steals what it can and replays it elsewhere.

The lesson, side by side: a token kept in localStorage leaves with the script; an
httpOnly cookie does not, and neither does any token in a body the page can read.
"""

import pytest

from . import demo_page, loot
from .conftest import DEMO, PASSWORDS


@pytest.mark.requires("httponly-cookie")
def test_an_injected_script_cannot_carry_the_cookie_credential_away(adapter, browser, live):
    demo_page.demo_logs_in_as(adapter, DEMO)
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    stolen = loot.steal(browser, DEMO)
    assert loot.replay(live.url, stolen) == [], "nothing the script took works elsewhere"


@pytest.mark.lacks("httponly-cookie")
@pytest.mark.matrix("httponly-cookie", "no")
def test_an_injected_script_carries_a_stored_token_away(adapter, browser, live):
    demo_page.demo_logs_in_as(adapter, DEMO)
    demo_page.log_in(browser, live, PASSWORDS[demo_page.USER])
    stolen = loot.steal(browser, DEMO)
    assert loot.replay(live.url, stolen), "a token from localStorage works from anywhere"
