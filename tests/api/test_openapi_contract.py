"""Schemathesis against the service's own OpenAPI schema, on a real server: generated
requests (bounded, derandomised) never get a 500 and every answer matches the schema.

``positive_data_acceptance`` is left out on purpose: a body valid by the JSON schema can
still break a cross-field rule (an offer for an unknown player, a lock on a missing id),
which the schema cannot express and the service rightly answers with 422.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import Server


@pytest.fixture(scope="module")
def api_schema(server: Server):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_schema_conformance(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ],
        timeout=60,
    )
