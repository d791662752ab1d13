"""OWASP API8:2023 Security Misconfiguration.

The defaults a student copies must be the safe ones: no debug pages, no tracebacks,
JSON errors, and the browser security headers on every answer.
"""

import pytest

from api import views

from ..processes import settings_value


@pytest.mark.in_process("sends no request: it reads the setting in a fresh process")
def test_misconfiguration_debug_is_off_by_default():
    """API8: DEBUG is off unless DJANGO_DEBUG asks for it."""
    assert settings_value("DEBUG") == "False"


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_misconfiguration_security_headers_are_sent(anon, db, header, value):
    """API8: clickjacking, MIME sniffing and referrer leaks are closed off."""
    assert anon.get("/api/categories/")[header] == value


def test_misconfiguration_crash_is_json_without_a_traceback(anon, monkeypatch, db):
    """API8: an unexpected exception answers a bare JSON 500, never internals."""

    def explode(*args, **kwargs):
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr(views.CategoryViewSet, "list", explode)
    anon.raise_request_exception = False
    response = anon.get("/api/categories/")
    assert response.status_code == 500, response.content
    assert response.json() == {"error": "Server Error (500)"}


def test_misconfiguration_unknown_url_is_json_not_a_debug_page(anon):
    """API8: a 404 lists no URL patterns and is JSON."""
    response = anon.get("/api/../../etc/passwd")
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/json"


def test_misconfiguration_bad_host_header_is_refused(anon):
    """API8: only ALLOWED_HOSTS are served (no host-header poisoning of links)."""
    anon.raise_request_exception = False
    assert anon.get("/api/categories/", HTTP_HOST="evil.example").status_code == 400
