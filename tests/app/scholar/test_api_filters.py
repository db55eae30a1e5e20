"""The API's lists: filters, links that keep them, ETags and caching."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


def test_lists_filter_by_kind_specific_fields(client: FlaskClient) -> None:
    cities = client.get("/api/places?place_kind=city&per_page=200").get_json()
    assert cities["total"] > 0
    everything = client.get("/api/places?per_page=200").get_json()
    assert cities["total"] < everything["total"]
    manuscripts = client.get(
        "/api/manuscripts?collection=iran-kazakhstan-27&cataloguing_status=in_progress"
    ).get_json()
    assert manuscripts["total"] == 27
    assert client.get("/api/manuscripts?collection=nothing").get_json()["total"] == 0


def test_updated_since_and_its_errors(client: FlaskClient) -> None:
    assert client.get("/api/people?updated_since=2000-01-01").get_json()["total"] > 0
    assert client.get("/api/people?updated_since=2999-01-01T00:00:00Z").get_json()["total"] == 0
    assert client.get("/api/people?updated_since=yesterday").status_code == 400
    assert client.get("/api/manuscripts?cataloguing_status=lost").status_code == 400
    assert client.get("/api/people?page=1&page=2").status_code == 400


@pytest.mark.parametrize(
    ("since", "everything"),
    [
        ("0001-01-01T00:00:00+05:00", True),  # before the first moment datetime holds in UTC
        ("0001-01-01T03:00:00+14:00", True),
        ("9999-12-31T23:00:00-05:00", False),  # after the last
        ("9999-12-31T23:59:59.999999-14:00", False),
    ],
)
def test_updated_since_at_the_ends_of_time_is_everything_or_nothing(
    client: FlaskClient, since: str, everything: bool
) -> None:
    # Valid ISO 8601 date-times (the OpenAPI document's format), so a 200, not a 400.
    response = client.get("/api/people", query_string={"updated_since": since})
    assert response.status_code == 200
    assert (response.get_json()["total"] > 0) is everything


def test_next_links_keep_the_filters(client: FlaskClient) -> None:
    first = client.get("/api/manuscripts?per_page=10&cataloguing_status=in_progress").get_json()
    assert "cataloguing_status=in_progress" in first["links"]["next"]
    second = client.get(first["links"]["next"]).get_json()
    assert second["page"] == 2 and second["total"] == 27


def test_etags_give_304_and_responses_are_cacheable(client: FlaskClient) -> None:
    response = client.get("/api/manuscripts/ms-01")
    assert "public" in response.headers["Cache-Control"]
    again = client.get(
        "/api/manuscripts/ms-01", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_a_405_says_what_is_allowed(client: FlaskClient) -> None:
    response = client.post("/api/people")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
