"""The OpenAPI schema and Swagger UI describe this chapter and work offline."""

import json
import re

import pytest


@pytest.fixture
def schema(anon):
    return anon.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_schema_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")


def test_schema_lists_the_common_api(schema):
    assert {"/api/secret/", "/api/todos/", "/api/menu-items/", "/api/customers/me/"} <= set(
        schema["paths"]
    )


def test_schema_describes_the_strategy_security_scheme(schema, adapter):
    scheme = adapter.challenge.split()[0].lower()  # "basic", "token", "bearer"
    assert scheme in json.dumps(schema["components"]["securitySchemes"]).lower()


def test_docs_page_is_swagger_ui(anon):
    """The page's start-up script, a file so the CSP needs no inline script, starts it."""
    assert b"SwaggerUIBundle" in anon.get("/api/docs/?script=", HTTP_ACCEPT="*/*").content


def test_docs_page_loads_no_script_from_the_internet(anon):
    sources = re.findall(rb'src="([^"]+)"', anon.get("/api/docs/").content)
    external = [src for src in sources if not src.startswith((b"/static/", b"/api/docs/?"))]
    assert len(sources) > 0
    assert external == []


def test_docs_page_scripts_are_served(anon):
    source = re.search(rb'src="(/static/[^"]+)"', anon.get("/api/docs/").content).group(1)
    response = anon.get(source.decode())
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == 'text/javascript; charset="utf-8"'
