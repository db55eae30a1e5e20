"""The OpenAPI 3.1 document for /api: valid, complete, and true to what the API accepts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from app.scholar.openapi import openapi_document
from catalogue.models import CataloguingStatus

SECTIONS = ["manuscripts", "people", "places", "events", "sources", "collections"]


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/api/openapi.json").get_json()
    return document


def test_openapi_document_is_valid(spec: dict[str, Any]) -> None:
    validate(spec)
    for section in SECTIONS:
        assert f"/api/{section}" in spec["paths"]
        assert f"/api/{section}/{{id}}" in spec["paths"]


def test_the_server_is_where_the_document_was_asked_for(spec: dict[str, Any]) -> None:
    assert spec["servers"] == [{"url": "http://localhost"}]
    assert openapi_document("")["servers"] == [{"url": "/"}]
    assert openapi_document("https://museum.example")["servers"] == [
        {"url": "https://museum.example"}
    ]


def test_every_operation_has_its_own_id_and_every_reference_resolves(
    spec: dict[str, Any],
) -> None:
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 2 * len(SECTIONS) + 1
    schemas = spec["components"]["schemas"]
    for name in set(re.findall(r"#/components/schemas/(\w+)", str(spec))):
        assert name in schemas, name
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)  # raises on a schema that is not one


def _filters(spec: dict[str, Any], section: str) -> dict[str, Any]:
    parameters = spec["paths"][f"/api/{section}"]["get"]["parameters"]
    return {p["name"]: p["schema"] for p in parameters}


def test_list_filters_are_those_each_kind_has(spec: dict[str, Any]) -> None:
    common = {"page", "per_page", "updated_since"}
    assert set(_filters(spec, "manuscripts")) == common | {"cataloguing_status", "collection"}
    assert set(_filters(spec, "places")) == common | {"place_kind"}
    assert set(_filters(spec, "events")) == common | {"event_kind"}
    assert set(_filters(spec, "sources")) == common | {"source_kind"}
    assert set(_filters(spec, "people")) == set(_filters(spec, "collections")) == common
    status = _filters(spec, "manuscripts")["cataloguing_status"]
    assert status == {"enum": [s.value for s in CataloguingStatus]}


def test_documented_bounds_are_the_apis_bounds(client: FlaskClient, spec: dict[str, Any]) -> None:
    bounds = _filters(spec, "people")
    top = bounds["per_page"]["maximum"]
    assert client.get(f"/api/people?per_page={top}").status_code == 200
    assert client.get(f"/api/people?per_page={top + 1}").status_code == 400
    assert client.get("/api/people?per_page=0").status_code == 400
    assert bounds["per_page"]["minimum"] == bounds["page"]["minimum"] == 1
    assert client.get("/api/people?page=0").status_code == 400


def test_a_record_documents_its_304_and_404(client: FlaskClient, spec: dict[str, Any]) -> None:
    responses = spec["paths"]["/api/people/{id}"]["get"]["responses"]
    assert set(responses) == {"200", "304", "404"}
    assert client.get("/api/people/nobody-at-all").status_code == 404
