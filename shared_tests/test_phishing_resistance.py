"""The README's "phishing-resistant login" row: can a look-alike site relay a login?

A phishing page at another address asks for what the real login asks for and hands it
to its own server, which logs in with it while the user waits. "no": every login is
secrets the user types (a password, a code), and nothing in them says where they were
typed, so the relay is let in. "yes" (chapter 07): a passkey logs in, and what it signs
names the origin of the page and the site's RP ID; an assertion made on any other page
(another host, or with another RP ID) is refused. The software authenticator signs
whatever it is asked to, as a look-alike page's browser and authenticator would for that
page. The password login stays beside the passkey: "yes" says a phishing-proof way in
exists.

Look-alikes on the same host (a subdomain, another port) pass fido2's default origin
check, which allauth uses; 07's accounts/webauthn_origin.py asks for the exact host and
port (strategies/test_mfa_passkeys.py, and browser/test_passkeys.py in Chromium).
"""

import importlib.util

import pytest

from .conftest import PASSWORD
from .credentials import secret_status
from .strategies.headless_flows import Headless, logged_in

pytestmark = pytest.mark.django_db

# The Python libraries that check a WebAuthn assertion (fido2 is allauth.mfa's).
WEBAUTHN_LIBRARIES = ("fido2", "webauthn")
LOOK_ALIKE_ORIGIN = "https://testserver.example.com"
LOOK_ALIKE_RP_ID = "testserver.example.com"


@pytest.fixture
def passkey(adapter, users):
    """alice's registered passkey; fido2 only exists in chapter 07, hence the late import."""
    from .webauthn_authenticator import SoftwareAuthenticator

    authenticator = SoftwareAuthenticator()
    logged_in(adapter).add_passkey(authenticator)
    return authenticator


@pytest.mark.requires("phishing-resistant", "headless")
@pytest.mark.matrix("phishing-resistant", "yes")
@pytest.mark.in_process(
    "the software authenticator signs for the test client's origin, https://testserver"
)
def test_a_passkey_logs_in_only_with_an_assertion_made_for_this_site(adapter, passkey):
    other_origin = Headless(adapter)
    for_other_origin = other_origin.passkey_login(passkey, origin=LOOK_ALIKE_ORIGIN)
    other_rp_id = Headless(adapter)
    for_other_rp_id = other_rp_id.passkey_login(passkey, rp_id=LOOK_ALIKE_RP_ID)
    honest = Headless(adapter)
    for_this_site = honest.passkey_login(passkey)
    assert for_other_origin.status_code == 400, for_other_origin.content
    assert other_origin.secret_status() == 401, "another origin's assertion bought nothing"
    assert for_other_rp_id.status_code == 400, for_other_rp_id.content
    assert other_rp_id.secret_status() == 401, "another RP ID's assertion bought nothing"
    assert for_this_site.status_code == 200, for_this_site.content
    assert honest.secret_status() == 200, "the passkey alone logged in, no password typed"


@pytest.mark.lacks("phishing-resistant")
@pytest.mark.matrix("phishing-resistant", "no")
def test_what_the_user_typed_into_a_look_alike_page_logs_its_server_in(adapter, users):
    """The relay is a client of the phisher's server: it shares no cookie, no storage and
    no origin with the user's browser, only the two strings the user typed."""
    typed = ("alice", PASSWORD)
    relay = adapter.client()
    adapter.login(relay, *typed)
    checkers = [name for name in WEBAUTHN_LIBRARIES if importlib.util.find_spec(name)]
    assert secret_status(relay) == 200, "the relayed password logged the phisher in"
    assert checkers == [], "the chapter has no WebAuthn library to check a passkey with"
