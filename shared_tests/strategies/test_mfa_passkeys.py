"""Chapter 07: WebAuthn passkeys, registered and used by a software authenticator.

`SoftwareAuthenticator` (shared_tests/webauthn_authenticator.py) is a P-256 key that
answers the server's challenges as a browser and a passkey together would; each attack
bends one thing it sends. The test client talks to `testserver`, so that is the RP ID
allauth derives from the request's host, and `https://testserver` the honest origin.
"""

import pytest

from .headless_flows import Headless, logged_in

pytestmark = [
    pytest.mark.requires("headless"),
    pytest.mark.django_db,
    pytest.mark.in_process(
        "the software authenticator signs for the test client's origin, https://testserver"
    ),
]


@pytest.fixture
def new_authenticator():
    """Makes software authenticators; imported here, since only chapter 07 installs
    fido2 (and the suite is collected in every chapter)."""
    from ..webauthn_authenticator import SoftwareAuthenticator

    return SoftwareAuthenticator


@pytest.fixture
def passkey(adapter, users, new_authenticator):
    """alice's registered passkey."""
    authenticator = new_authenticator()
    logged_in(adapter).add_passkey(authenticator)
    return authenticator


def stored_passkey(user):
    """The user's WebAuthn authenticator row (allauth.mfa: chapter 07 only)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)


def test_registration_stores_a_passwordless_passkey(adapter, passkey, users):
    assert stored_passkey(users["user"]).wrap().is_passwordless is True


def test_adding_a_passkey_needs_the_password_again(adapter, users):
    """Reauthentication: a stolen session alone cannot add its thief's key."""
    client = logged_in(adapter)
    response = client.get("/account/authenticators/webauthn?passwordless")
    assert response.status_code == 401, response.content


def test_the_passkey_alone_logs_in(adapter, passkey):
    client = Headless(adapter)
    response = client.passkey_login(passkey)
    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["username"] == "alice"
    assert client.secret_status() == 200


def test_an_assertion_made_for_another_origin_is_refused(adapter, passkey):
    """Phishing: a look-alike site relays the challenge, but the browser writes the
    page's real origin into what the passkey signs, and the server checks it."""
    client = Headless(adapter)
    response = client.passkey_login(passkey, origin="https://testserver.example.com")
    assert response.status_code == 400, response.content
    assert client.secret_status() == 401


@pytest.mark.parametrize(
    "origin",
    ["https://sub.testserver", "https://testserver:8443"],
    ids=["a subdomain of the RP ID", "another port"],
)
def test_an_assertion_made_on_a_look_alike_of_this_origin_is_refused(adapter, passkey, origin):
    """fido2's default check would accept both: same RP ID, so the browser signs for it.
    accounts/webauthn_origin.py asks for this site's exact host and port."""
    client = Headless(adapter)
    response = client.passkey_login(passkey, origin=origin)
    assert response.status_code == 400, response.content
    assert client.secret_status() == 401, "the look-alike's client is not logged in"


def test_an_assertion_for_another_relying_party_is_refused(adapter, passkey):
    """The authenticator signs the hash of the RP ID it was asked for: a key used on
    another site signs that site's hash, not this one's."""
    client = Headless(adapter)
    response = client.passkey_login(passkey, rp_id="evil.example")
    assert response.status_code == 400, response.content


def test_a_signature_counter_that_goes_backwards_is_refused(adapter, passkey):
    """A cloned key counts on its own: after the real key has signed twice, the clone's
    count of one is no higher than the last count seen (accounts/webauthn_sign_count.py)."""
    assert Headless(adapter).passkey_login(passkey).status_code == 200
    assert Headless(adapter).passkey_login(passkey).status_code == 200
    clone = Headless(adapter)
    response = clone.passkey_login(passkey, counter=1)
    assert response.status_code == 400, response.content
    assert clone.secret_status() == 401


def test_a_repeated_signature_counter_is_refused(adapter, passkey):
    assert Headless(adapter).passkey_login(passkey, counter=5).status_code == 200
    response = Headless(adapter).passkey_login(passkey, counter=5)
    assert response.status_code == 400, response.content


def test_an_authenticator_that_does_not_count_still_logs_in(adapter, passkey):
    """Synced passkeys send 0 every time: the specification lets them through."""
    first = Headless(adapter).passkey_login(passkey, counter=0)
    second = Headless(adapter).passkey_login(passkey, counter=0)
    assert first.status_code == 200, first.content
    assert second.status_code == 200, second.content


def test_an_unregistered_key_is_refused(adapter, passkey, new_authenticator):
    stranger = new_authenticator()
    stranger.user_handle = passkey.user_handle  # claims alice, signs with its own key
    response = Headless(adapter).passkey_login(stranger)
    assert response.status_code == 400, response.content


def test_an_assertion_without_user_verification_is_refused(adapter, passkey):
    """A passkey login is both factors at once only if the device checked its owner."""
    response = Headless(adapter).passkey_login(passkey, verified=False)
    assert response.status_code == 400, response.content


def test_passkey_logins_spend_the_login_budget(adapter, passkey, rates):
    rates["login"] = "2/minute"
    Headless(adapter).passkey_login(passkey, origin="https://elsewhere.example")
    Headless(adapter).passkey_login(passkey, origin="https://elsewhere.example")
    response = Headless(adapter).passkey_login(passkey)
    assert response.status_code == 429, response.content


def test_removing_a_passkey_needs_the_password_again(adapter, passkey, users):
    client = Headless(adapter)
    client.passkey_login(passkey)
    key = stored_passkey(users["user"]).pk
    refused = client.delete("/account/authenticators/webauthn", {"authenticators": [key]})
    assert refused.status_code == 401, refused.content
