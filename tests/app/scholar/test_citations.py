"""Every public record page: permalink, formatted citation, downloads, JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import pytest
import rispy
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.models import Person, Place
from tests.conftest import make_settings

PAGES = [
    "/manuscripts/ms-01",
    "/people/tauke-khan",
    "/places/isfahan",
    "/collections/iran-kazakhstan-27",
]
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.mark.parametrize("path", PAGES)
def test_record_pages_offer_citations_and_json_ld(client: FlaskClient, path: str) -> None:
    page = client.get(path + "?lang=en").get_data(as_text=True)
    assert 'class="citation"' in page and "Online catalogue record" in page
    for fmt in ("bib", "ris", "json"):
        assert f"{path}/cite.{fmt}" in page
    (raw,) = JSONLD.findall(page)
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org"
    assert data["url"].endswith(path)


def test_every_kind_has_json_ld(client: FlaskClient) -> None:
    for section in ("events", "sources"):
        listing = client.get(f"/api/{section}").get_json()
        slug = listing["items"][0]["id"]
        page = client.get(f"/{section}/{slug}").get_data(as_text=True)
        assert JSONLD.search(page)


def test_a_person_page_is_a_schema_org_person(client: FlaskClient) -> None:
    page = client.get("/people/tauke-khan").get_data(as_text=True)
    data = json.loads(JSONLD.findall(page)[0])
    assert data["@type"] == "Person"


def test_the_formatted_citation_follows_the_page_language(client: FlaskClient) -> None:
    russian = client.get("/people/tauke-khan?lang=ru").get_data(as_text=True)
    assert "дата обращения" in russian
    persian = client.get("/people/tauke-khan?lang=fa").get_data(as_text=True)
    assert "تاریخ دسترسی" in persian


def test_downloads_parse(client: FlaskClient) -> None:
    bib = client.get("/manuscripts/ms-01/cite.bib")
    assert bib.mimetype == "application/x-bibtex"
    assert bibtexparser.loads(bib.get_data(as_text=True)).entries[0]["ID"] == "qoljazba_ms_01"
    (entry,) = rispy.loads(client.get("/people/tauke-khan/cite.ris").get_data(as_text=True))
    assert entry["urls"][0].endswith("/people/tauke-khan")
    csl = client.get("/manuscripts/ms-01/cite.json?folio=3r").get_json()
    assert csl[0]["locator"] == "f. 3r" and csl[0]["URL"].endswith("#f3r")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/manuscripts/ms-01/cite.bib?folio=<script>", 400),
        ("/people/tauke-khan/cite.bib?folio=1r", 400),
        ("/manuscripts/ms-01?folio=%3D1", 400),
        ("/manuscripts/ms-01/cite.doc", 404),
        ("/manuscripts/ms-99/cite.bib", 404),
    ],
)
def test_bad_citation_requests(client: FlaskClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status


def test_a_folio_citation_on_the_page(client: FlaskClient) -> None:
    page = client.get("/manuscripts/ms-01?lang=en&folio=12v").get_data(as_text=True)
    assert "fol. 12v" in page
    assert "cite.bib?folio=12v" in page


def test_person_and_place_pages_link_their_authority_records(
    tmp_path: Path,
    db: Database,
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
    shipped_index_path: Path,
) -> None:
    from app import context, create_app

    make_person(slug="someone", wikidata_id="Q312", viaf_id="12345")
    make_place(slug="somewhere", wikidata_id="Q42")
    session.commit()
    (tmp_path / "index").symlink_to(shipped_index_path)
    url = db.engine.url.render_as_string(hide_password=False)
    application = create_app({"SETTINGS": make_settings(tmp_path, url), "TESTING": True})
    client = application.test_client()
    person = client.get("/people/someone").get_data(as_text=True)
    assert 'href="https://www.wikidata.org/wiki/Q312"' in person
    assert 'href="https://viaf.org/viaf/12345"' in person
    data = json.loads(JSONLD.findall(person)[0])
    assert data["sameAs"][0] == "https://www.wikidata.org/wiki/Q312"
    assert 'href="https://www.wikidata.org/wiki/Q42"' in client.get("/places/somewhere").get_data(
        as_text=True
    )
    with application.app_context():
        context.database().dispose()
        context.search_index().close()
