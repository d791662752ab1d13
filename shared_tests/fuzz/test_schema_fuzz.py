"""Schemathesis against a live server: the API must answer what its schema promises.

Run with `nox -s fuzz -- <chapter>`; the plain test run skips this folder, because only
the fuzz session installs schemathesis. Every generated request goes over HTTP to
pytest-django's `live_server`, authenticated as the admin through the chapter's own
login (a fresh login per request, so a fuzzed logout cannot end the run), with
throttle rates raised by the suite's `rates` fixture.
"""

import os

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from ..conftest import ADAPTERS, PASSWORD

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))


# The schema is read in-process once; the requests themselves go to the live server.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def credentials(transactional_db, users):
    """The headers of a fresh admin login (the credential's header, or the cookies in
    `Cookie` and the CSRF header), as the chapter's first adapter, its main strategy,
    says a client sends them.

    In the Cookie header, schemathesis knows the cookies were supplied, and strips the
    auth cookie to probe; passed as `cookies=` it takes them for values it made up.
    """
    adapter = ADAPTERS[0]

    def fresh():
        client = adapter.client()
        adapter.login(client, "admin", PASSWORD)
        return adapter.sent_headers(client)

    return fresh


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_api_answers_as_its_schema_says(case, credentials, live_server):
    """Every answer has a documented status, content type, body and headers."""
    headers = credentials()
    case.call_and_validate(
        base_url=live_server.url,
        headers={**(case.headers or {}), **headers},
        # Two request-side checks are off, each for a reason the schema cannot express:
        # a well-typed request may still be a 400 ("this slug is taken"), and like most
        # HTTP APIs this one ignores query parameters it does not know. Wrong JSON types
        # are refused (api/fields.py; security/test_input_validation.py). Every check
        # on the answers (5xx, status codes, content types, bodies, headers, ignored
        # authentication) applies.
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
