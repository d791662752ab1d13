"""Whatever a client sends, the answer is a JSON 4xx, never a 500 or an HTML page."""

import json

import pytest


def test_unknown_api_url_is_a_json_404(anon):
    response = anon.get("/api/no-such-thing/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_missing_trailing_slash_is_a_404_naming_the_right_url(anon, method):
    response = getattr(anon, method)("/api/secret", {}, format="json")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "Not found. Did you mean /api/secret/ (with a trailing slash)?",
    )


def test_malformed_json_is_a_400(client_as):
    response = client_as("user").post(
        "/api/todos/", data='{"title": ', content_type="application/json"
    )
    assert (response.status_code, response.json()["detail"][:16]) == (400, "JSON parse error")


def test_deeply_nested_json_is_a_400(client_as):
    body = "[" * 100_000 + "]" * 100_000
    response = client_as("user").post("/api/todos/", data=body, content_type="application/json")
    assert response.status_code == 400


def test_unsupported_media_type_is_a_415(client_as):
    response = client_as("user").post("/api/todos/", data="title=x", content_type="text/plain")
    assert response.status_code == 415


def test_oversized_body_is_a_413(client_as, settings):
    body = json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client_as("user").post("/api/todos/", data=body, content_type="application/json")
    assert response.status_code == 413


def test_overlong_title_is_a_400(client_as):
    response = client_as("user").post("/api/todos/", {"title": "x" * 256}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["title"])


def test_nul_byte_is_a_400(client_as):
    response = client_as("user").post("/api/todos/", {"title": "a\x00b"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["title"])


def test_method_not_allowed_is_a_json_405(client_as):
    response = client_as("user").delete("/api/secret/")
    assert (response.status_code, response["Content-Type"]) == (405, "application/json")
