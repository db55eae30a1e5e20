"""The JSON API: complete, paginated, cacheable, and true to its OpenAPI document."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

LANGS = {"kk", "ru", "en", "fa"}
SECTIONS = ["manuscripts", "people", "places", "events", "sources", "collections"]


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/api/openapi.json").get_json()
    return document


def _check(spec: dict[str, Any], schema_name: str, instance: Any) -> None:
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(spec))
    schema = {"$ref": f"urn:api#/components/schemas/{schema_name}"}
    errors = list(Draft202012Validator(schema, registry=registry).iter_errors(instance))
    assert errors == [], [e.message for e in errors[:3]]


def test_a_span_ending_before_it_begins_is_a_documented_400(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    # OpenAPI cannot express a rule across two parameters: it is said in words.
    search = spec["paths"]["/api/search"]["get"]
    assert "end (to) is before its start (from)" in search["responses"]["400"]["description"]
    described = {p["name"]: p.get("description", "") for p in search["parameters"]}
    assert "400" in described["from"] and "400" in described["to"]
    response = client.get("/api/search?q=x&from=1800&to=1700")
    assert response.status_code == 400 and response.is_json


def test_manuscripts_lists_the_27(client: FlaskClient, spec: dict[str, Any]) -> None:
    body = client.get("/api/manuscripts?per_page=100").get_json()
    _check(spec, "RecordList", body)
    assert body["total"] == 27
    assert [item["id"] for item in body["items"]] == [f"ms-{n:02d}" for n in range(1, 28)]
    assert all(item["cataloguing_status"] == "in_progress" for item in body["items"])


def test_people_lists_the_13_with_names_in_four_languages(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    body = client.get("/api/people").get_json()
    _check(spec, "RecordList", body)
    assert body["total"] == 13
    for person in body["items"]:
        assert set(person["label"]) == LANGS, person["id"]
        assert {n["lang"] for n in person["names"]} >= LANGS


@pytest.mark.parametrize("section", SECTIONS)
def test_every_record_matches_its_schema(
    client: FlaskClient, spec: dict[str, Any], section: str
) -> None:
    listing = client.get(f"/api/{section}?per_page=200").get_json()
    _check(spec, "RecordList", listing)
    assert listing["items"], section
    schema = spec["paths"][f"/api/{section}/{{id}}"]["get"]["responses"]["200"]
    name = schema["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    for item in listing["items"]:
        response = client.get(f"/api/{section}/{item['id']}")
        assert response.status_code == 200
        _check(spec, name, response.get_json())


def test_pagination_links(client: FlaskClient) -> None:
    first = client.get("/api/manuscripts?per_page=10").get_json()
    assert first["pages"] == 3 and first["links"]["prev"] is None
    second = client.get(first["links"]["next"]).get_json()
    assert second["page"] == 2 and second["items"][0]["id"] == "ms-11"
    last = client.get("/api/manuscripts?per_page=10&page=3").get_json()
    assert len(last["items"]) == 7 and last["links"]["next"] is None


def test_etags_answer_304(client: FlaskClient) -> None:
    first = client.get("/api/people/tauke-khan")
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    again = client.get("/api/people/tauke-khan", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_record_carries_dates_in_both_calendars_and_its_sources(client: FlaskClient) -> None:
    body = client.get("/api/people/nader-shah").get_json()
    assert body["active"]["display"]["hijri"].endswith("AH")
    assert body["citations"] and body["citations"][0]["source"]["url"].startswith("http")
    assert body["relations"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/people/nobody", 404),
        ("/api/people/BAD%20ID", 404),
        ("/api/nothing", 404),
        ("/api/people?page=x", 400),
        ("/api/people?per_page=0", 400),
        ("/api/people?per_page=100000", 400),
        ("/api/people?page=-3", 400),
        ("/api/people?page=²", 400),  # str.isdigit() accepts these; int() refuses them
        ("/api/people?per_page=①", 400),
        ("/api/people?page=" + "1" * 5000, 400),  # int() refuses more than 4300 digits
        ("/api/people?page=٣", 400),
        ("/api/search?page=²", 400),
        ("/api/search?per_page=①", 400),
        ("/api/search?from=--1", 400),
        ("/api/search?from=²", 400),
    ],
)
def test_errors_are_json(client: FlaskClient, spec: dict[str, Any], path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.is_json
    _check(spec, "Error", response.get_json())


def test_post_is_refused_as_json(client: FlaskClient) -> None:
    response = client.post("/api/people")
    assert response.status_code == 405 and response.is_json
