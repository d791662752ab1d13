"""token/refresh/ answers bad input with a 4xx JSON error, whatever the method or body.

Its view reads the body a second time, after the answer is made, to decide whether to
set cookies; a body DRF could not parse raised there again, outside DRF's error
handling, and became a 500 (or, for an oversized body, Django's bare 400).
"""

import pytest

from .allauth_flows import AUTH

pytestmark = [pytest.mark.requires("dj-rest-auth"), pytest.mark.django_db]

REFRESH = f"{AUTH}/token/refresh/"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml"])
def test_refresh_with_an_unsupported_content_type_is_415(anon, content_type):
    response = anon.post(REFRESH, data="x", content_type=content_type)
    assert response.status_code == 415, response.content
    assert response.json() == {"detail": f'Unsupported media type "{content_type}" in request.'}


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
def test_refresh_by_another_method_with_a_bad_body_is_no_5xx(anon, method, content_type):
    response = anon.generic(method, REFRESH, data="x", content_type=content_type)
    assert response.status_code < 500
    assert response["Content-Type"] == "application/json"


def test_refresh_with_an_oversized_body_is_413(anon, settings):
    body = '{"refresh": "' + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + '"}'
    response = anon.post(REFRESH, data=body, content_type="application/json")
    assert response.status_code == 413, response.content
    assert response.json() == {"detail": "Request body is too large."}
