"""Downloads: TEI per manuscript and the authority file; CSV, JSON, Dublin Core of searches."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select

from catalogue.db import Database
from catalogue.formats.tei.writer import TEI_NS
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import Manuscript, Person
from catalogue.search import SearchIndex, rebuild
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction
from tests.conftest import make_settings

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_a_manuscript_as_tei(client: FlaskClient) -> None:
    response = client.get("/manuscripts/ms-03.tei.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/tei+xml"
    root = etree.fromstring(response.data)
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert root.find(f".//{{{TEI_NS}}}msDesc") is not None
    assert client.get("/manuscripts/ms-99.tei.xml").status_code == 404
    assert client.get("/manuscripts/BAD!.tei.xml").status_code == 404


def test_the_authority_file_lists_people_and_places(client: FlaskClient) -> None:
    root = etree.fromstring(client.get("/manuscripts/authority.xml").data)
    ns = {"tei": TEI_NS}
    assert root.xpath("//tei:listPerson/tei:person[@xml:id='tauke-khan']", namespaces=ns)
    assert root.xpath("//tei:listPlace/tei:place", namespaces=ns)


@pytest.mark.parametrize("path", ["/search?q=Tauke&format=csv", "/export/catalogue.csv"])
def test_csv_downloads(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows
    ids = {row["id"] for row in rows}
    if "q=" in path:
        assert "tauke-khan" in ids
    else:
        assert {"ms-01", "tauke-khan", "iran-kazakhstan-27"} <= ids


def test_json_and_dublin_core_downloads(client: FlaskClient) -> None:
    data = json.loads(client.get("/search?q=Tauke&format=json").data)
    assert any(item["id"] == "tauke-khan" for item in data)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "oai_dc.xsd")))
    root = etree.fromstring(client.get("/export/catalogue.dc").data)
    assert len(root) > 27
    for record in root:
        assert schema.validate(etree.fromstring(etree.tostring(record))), schema.error_log


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/search?q=x&format=pdf", 400),
        ("/search?q=x&format=csv&cal=xx", 400),
        ("/export/catalogue.pdf", 404),
    ],
)
def test_bad_requests_get_clear_errors(client: FlaskClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status


# Written straight into the database (as before intake cleaned text, or by any other tool):
# Word's in-cell line break, a form feed, a C1 control and an unpaired line separator.
STORED = "first line\x0bsecond\x0cthird\x85 fourth\u2028end"


@pytest.fixture
def stored_controls(db: Database, tmp_path: Path) -> Iterator[Flask]:
    """The shipped catalogue with control characters stored in a manuscript and a person."""
    from app import context, create_app

    with transaction(db) as session:
        load_shipped_catalogue(session)
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-01"))
        assert manuscript is not None
        manuscript.title = LocalizedText({"en": LocalizedValue(STORED, Status.CHECKED)})
        manuscript.summary = LocalizedText({"fa": LocalizedValue(STORED, Status.REVIEW)})
        manuscript.scribe_name = STORED
        person = session.scalar(select(Person).where(Person.slug == "tauke-khan"))
        assert person is not None
        person.names[0].text = STORED
    index = SearchIndex(tmp_path / "index")
    rebuild(db, index)
    index.close()
    made = create_app({"SETTINGS": make_settings(tmp_path, db.url), "TESTING": True})
    yield made
    with made.app_context():
        context.database().dispose()
        context.search_index().close()


PATHS_OF_XML = (
    "/manuscripts/ms-01.tei.xml",
    "/manuscripts/authority.xml",
    "/export/catalogue.dc",
    "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={ms}",
    "/oai?verb=GetRecord&metadataPrefix=tei&identifier={ms}",
    "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={person}",
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai?verb=ListRecords&metadataPrefix=tei",
)


def test_text_stored_with_control_characters_still_exports_as_xml(stored_controls: Flask) -> None:
    client = stored_controls.test_client()
    identifiers = client.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").data
    found = {
        slug: next(
            i
            for i in re.findall(rb"<identifier>([^<]+)</identifier>", identifiers)
            if i.endswith(slug.encode())
        )
        for slug in ("ms-01", "tauke-khan")
    }
    for path in PATHS_OF_XML:
        response = client.get(
            path.format(ms=found["ms-01"].decode(), person=found["tauke-khan"].decode())
        )
        assert response.status_code == 200, path
        text = "".join(etree.fromstring(response.data).itertext())
        if "ms-01" in path or "ListRecords" in path or "catalogue.dc" in path:
            assert "first line\nsecond\nthird\n fourth\nend" in text, path
        if "authority" in path or "tauke" in path:
            assert "first line\nsecond" in text, path
