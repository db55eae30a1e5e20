"""Where each kind of record lives on the site, and its citable permalink."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask import Flask

from app.urls import KINDS, SECTIONS, absolute, api_record_url, permalink, record_url
from catalogue.models import Kind


def test_every_kind_has_its_own_section_and_back() -> None:
    assert set(SECTIONS) == set(Kind)
    assert len(set(SECTIONS.values())) == len(SECTIONS)
    assert all(KINDS[section] is kind for kind, section in SECTIONS.items())


@pytest.mark.parametrize(
    ("kind", "section"),
    [
        (Kind.MANUSCRIPT, "manuscripts"),
        (Kind.PERSON, "people"),
        (Kind.PLACE, "places"),
        (Kind.EVENT, "events"),
        (Kind.SOURCE, "sources"),
        (Kind.COLLECTION, "collections"),
    ],
)
def test_a_records_page_and_api_document(app: Flask, kind: Kind, section: str) -> None:
    with app.test_request_context("/"):
        assert record_url(kind, "x-1") == f"/{section}/x-1"
        assert api_record_url(kind, "x-1") == f"/api/{section}/x-1"


def test_the_site_relative_urls_answer(app: Flask) -> None:
    client = app.test_client()
    with app.test_request_context("/"):
        page, document = (
            record_url(Kind.PERSON, "tauke-khan"),
            api_record_url(Kind.PERSON, "tauke-khan"),
        )
    assert client.get(page).status_code == 200
    assert client.get(document).get_json()["id"] == "tauke-khan"


def test_absolute_urls_are_on_the_request_host_when_no_public_url(app: Flask) -> None:
    with app.test_request_context("/", base_url="http://localhost:8080"):
        assert absolute("/people/") == "http://localhost:8080/people/"
        assert permalink(Kind.PLACE, "astana") == "http://localhost:8080/places/astana"


def test_absolute_urls_are_on_the_public_url_when_set(app: Flask) -> None:
    extension = app.extensions["qoljazba"]
    extension["settings"] = replace(extension["settings"], public_url="https://museum.example")
    with app.test_request_context("/", base_url="http://localhost:8080"):
        assert absolute("/people/") == "https://museum.example/people/"
        assert permalink(Kind.MANUSCRIPT, "ms-01") == "https://museum.example/manuscripts/ms-01"
