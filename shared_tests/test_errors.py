"""Errors are JSON, with a hint for a missing slash. Hostile input is in security/."""

import pytest


def test_unknown_api_url_is_a_json_404(anon):
    response = anon.get("/api/no-such-thing/")
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_missing_trailing_slash_is_a_404_naming_the_right_url(anon, method):
    response = getattr(anon, method)("/api/secret", {}, format="json")
    assert response.status_code == 404, response.content
    assert (
        response.json()["detail"]
        == "Not found. Did you mean /api/secret/ (with a trailing slash)?"
    )


def test_method_not_allowed_is_a_json_405(client_as):
    response = client_as("user").delete("/api/secret/")
    assert response.status_code == 405, response.content
    assert response["Content-Type"] == "application/json"
