"""The README's "second factor" row: is the password enough to log in?

"yes" (chapter 07, allauth.mfa): once the account turns TOTP on, the password buys half a
login, which the API refuses, and only the current code makes it whole. "no": the
password alone buys a credential the API accepts, and the chapter installs no app that
could ask for more, so no account can turn a second factor on.
"""

import datetime

import pytest
from django.apps import apps

from .conftest import PASSWORD
from .credentials import secret_status
from .strategies.headless_flows import Headless, logged_in, pending_flows, totp

pytestmark = pytest.mark.django_db

# The Django apps that add a second factor to a login, by their `INSTALLED_APPS` names.
SECOND_FACTOR_APPS = ("allauth.mfa", "django_otp", "two_factor", "trench")
# The clock, stopped: the test knows which 30-second period each code belongs to.
NOW = datetime.datetime(2026, 6, 1, 12, 0, 5, tzinfo=datetime.UTC)
ACTIVATED_BEFORE = 90  # seconds: activation's code lies outside NOW's window of tolerance


@pytest.mark.requires("second-factor", "headless")
@pytest.mark.matrix("second-factor", "yes")
@pytest.mark.in_process("the clock of the test process stops, and the TOTP codes follow it")
def test_with_totp_on_the_password_alone_buys_nothing_the_api_accepts(
    adapter, users, time_machine
):
    time_machine.move_to(NOW - datetime.timedelta(seconds=ACTIVATED_BEFORE), tick=False)
    secret = logged_in(adapter).activate_totp()
    time_machine.move_to(NOW, tick=False)
    client = Headless(adapter)
    password_only = client.password_login()
    half_login = client.secret_status()  # what the password bought: a cookie or a token
    completed = client.second_factor(totp(secret))
    assert password_only.status_code == 401, password_only.content
    assert pending_flows(password_only) == ["mfa_authenticate"]
    assert half_login == 401, "the API refused the half login the password bought"
    assert completed.status_code == 200, completed.content
    assert client.secret_status() == 200, "the code made the same login whole"


@pytest.mark.lacks("second-factor")
@pytest.mark.matrix("second-factor", "no")
def test_the_password_alone_buys_a_credential_the_api_accepts(adapter, login, users):
    installed = [name for name in SECOND_FACTOR_APPS if apps.is_installed(name)]
    client = login(users["user"], PASSWORD)
    assert secret_status(client) == 200, "the password's credential opened /api/secret/"
    assert installed == [], "no installed app could ask a login for a second factor"
