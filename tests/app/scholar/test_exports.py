"""Downloads: TEI per manuscript and the authority file; CSV, JSON, Dublin Core of searches."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from lxml import etree

from catalogue.formats.tei.writer import TEI_NS

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
