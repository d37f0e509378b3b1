"""The OpenAPI document validates, and Schemathesis drives every operation in it, in
process through Django's WSGI application (no network), as a municipal administrator
and as a respondent: no answer is a server error and every documented answer matches
the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.tests.factories import api_records, bearer, token_for

pytestmark = pytest.mark.django_db


def test_openapi_document_validates():
    document = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(document)
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/kpis/{kpi_id}/values/" in document["paths"]


def test_schema_endpoint_serves_the_document(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Uppsikt API"


@pytest.fixture
def wsgi_app():
    # A WSGI request outside the test client would close the test's connection (and
    # with it the test transaction) when it starts and ends; the test client avoids it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(town, wsgi_app, settings):
    """Two of every record, for the operations' ids to find something."""
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    api_records(town, rows=2)
    return town


# Drawn from the code without a request or a database, as `manage.py spectacular` does;
# the calls then go to Django's WSGI application in this process.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FEW_EXAMPLES = hypothesis_settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck),
                                   derandomize=True)


@schema.parametrize()
@FEW_EXAMPLES
def test_every_operation_answers_by_the_schema_for_an_administrator(case, api_data):
    case.call_and_validate(headers=bearer(token_for(api_data.users["admin"])), checks=CHECKS)


@schema.parametrize()
@FEW_EXAMPLES
def test_every_operation_answers_by_the_schema_for_a_respondent(case, api_data):
    case.call_and_validate(headers=bearer(token_for(api_data.users["respondent"])), checks=CHECKS)
