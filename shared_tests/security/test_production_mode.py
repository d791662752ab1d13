"""Production mode (`DJANGO_DEBUG=0` plus a real `DJANGO_SECRET_KEY`) is deployable.

OWASP API8:2023 Security Misconfiguration: HTTPS only, HSTS, cookies that never travel
over plain HTTP, and Django's own deployment checklist with nothing left to warn about.
"""

import pytest

from ..processes import PRODUCTION_ENV, run_in_chapter, settings_value, settings_values

pytestmark = pytest.mark.in_process("sends no request: it reads settings in fresh processes")


def test_production_check_deploy_reports_no_warnings():
    """API8: `manage.py check --deploy` is clean, warnings included."""
    result = run_in_chapter(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV
    )
    assert result.returncode == 0
    assert result.stderr == ""


def test_development_key_is_never_production_mode():
    """API8: without DJANGO_SECRET_KEY (the checkout's own key file), HTTPS-only stays off."""
    assert settings_value("PRODUCTION", DJANGO_DEBUG="0") == "False"


# The HTTPS-only settings production mode turns on, and their values.
HTTPS_ONLY = {
    "DEBUG": "False",
    "SECURE_SSL_REDIRECT": "True",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
    "SESSION_COOKIE_SECURE": "True",
    "SESSION_COOKIE_HTTPONLY": "True",
    "SESSION_COOKIE_SAMESITE": "Lax",
    "CSRF_COOKIE_SECURE": "True",
    "CSRF_COOKIE_SAMESITE": "Lax",
}


@pytest.fixture(scope="module")
def production_settings():
    return settings_values(HTTPS_ONLY, **PRODUCTION_ENV)


@pytest.mark.parametrize(("name", "value"), HTTPS_ONLY.items())
def test_production_setting(name, value, production_settings):
    """API8: the HTTPS-only settings are on in production mode."""
    assert production_settings[name] == value
