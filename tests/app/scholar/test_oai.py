"""OAI-PMH at /oai: a real harvester (Sickle) over HTTP, the schemas, and every error code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sickle import Sickle

from catalogue.db import Database
from catalogue.models import Manuscript, PublicationState
from catalogue.transaction import transaction
from tests.conftest import make_settings

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
TEI = "{http://www.tei-c.org/ns/1.0}"
PAGE_SIZE = 7


@pytest.fixture(scope="module")
def oai_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "OAI-PMH.xsd")))


@pytest.fixture(scope="module")
def dc_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "oai_dc.xsd")))


def _app(tmp_path: Path, url: str, index: Path) -> Flask:
    from app import create_app

    (tmp_path / "index").symlink_to(index)
    settings = make_settings(tmp_path, url, oai_page_size=PAGE_SIZE)
    return create_app({"SETTINGS": settings, "TESTING": True})


@pytest.fixture
def small_pages(tmp_path: Path, shipped_url: str, shipped_index_path: Path) -> Iterator[Flask]:
    """The shipped catalogue served with OAI-PMH pages of PAGE_SIZE items."""
    made = _app(tmp_path, shipped_url, shipped_index_path)
    yield made
    from app import context

    with made.app_context():
        context.database().dispose()
        context.search_index().close()


def _get(client: FlaskClient, query: str) -> etree._Element:
    response = client.get(f"/oai?{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    return etree.fromstring(response.data)


def test_sickle_harvests_every_published_record_through_resumption_tokens(
    small_pages: Flask,
    live_server: Callable[[Flask], str],
    shipped_db: Database,
    dc_schema: etree.XMLSchema,
) -> None:
    from sqlalchemy import func, select

    from catalogue.models import Entity

    with shipped_db.read() as session:
        published = session.scalar(
            select(func.count())
            .select_from(Entity)
            .where(Entity.state == PublicationState.PUBLISHED)
        )
    assert published and published > 2 * PAGE_SIZE  # several pages, several tokens
    sickle = Sickle(live_server(small_pages) + "/oai", max_retries=0, timeout=30)
    identifiers = [h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc")]
    assert len(identifiers) == len(set(identifiers)) == published
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    assert [r.header.identifier for r in records] == identifiers
    for record in records:
        dc = record.xml.find(".//{http://www.openarchives.org/OAI/2.0/oai_dc/}dc")
        assert dc is not None
        # Sickle parses with lxml: validate exactly what the harvester received.
        assert dc_schema.validate(etree.fromstring(etree.tostring(dc))), dc_schema.error_log
        assert record.metadata["identifier"][0].startswith("http://127.0.0.1:")
    manuscripts = list(sickle.ListRecords(metadataPrefix="tei", set="kind:manuscript"))
    assert len(manuscripts) == 27
    for record in manuscripts:
        tei = record.xml.find(f".//{TEI}TEI")
        assert tei is not None and tei.find(f".//{TEI}msDesc") is not None
    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"


def test_every_response_is_valid_oai_pmh(small_pages: Flask, oai_schema: etree.XMLSchema) -> None:
    client = small_pages.test_client()
    first = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    token = first.findtext(f".//{OAI}resumptionToken")
    queries = [
        "verb=Identify",
        "verb=ListSets",
        "verb=ListMetadataFormats",
        "verb=ListMetadataFormats&identifier=oai:qoljazba:tauke-khan",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:iran-kazakhstan-27",
        "verb=ListRecords&metadataPrefix=oai_dc",
        f"verb=ListRecords&resumptionToken={token}",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:qoljazba:ms-01",
        "verb=GetRecord&metadataPrefix=tei&identifier=oai:qoljazba:ms-01",
        "verb=Nope",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:qoljazba:nobody",
    ]
    for query in queries:
        document = _get(client, query)
        assert oai_schema.validate(document), (query, oai_schema.error_log)


def test_a_page_of_tei_records_is_one_well_formed_document(small_pages: Flask) -> None:
    response = small_pages.test_client().get("/oai?verb=ListRecords&metadataPrefix=tei")
    root = etree.fromstring(response.data)  # strict: ids must be unique across the records
    assert len(root.findall(f".//{TEI}TEI")) == PAGE_SIZE


def test_pages_follow_one_another_with_cursor_and_size(small_pages: Flask) -> None:
    client = small_pages.test_client()
    page = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:manuscript")
    seen: list[str] = []
    cursors: list[str] = []
    while True:
        seen += [e.text or "" for e in page.iter(f"{OAI}identifier")]
        token = page.find(f".//{OAI}resumptionToken")
        assert token is not None
        cursors.append(token.get("cursor", ""))
        assert token.get("completeListSize") == "27"
        if not token.text:
            break
        page = _get(client, f"verb=ListIdentifiers&resumptionToken={token.text}")
    assert len(seen) == len(set(seen)) == 27
    assert cursors == [str(n) for n in range(0, 27, PAGE_SIZE)]


def test_sets_and_dates_select(client: FlaskClient) -> None:
    people = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:person")
    specs = {e.text for e in people.iter(f"{OAI}setSpec")}
    assert specs == {"kind:person"}
    today = _get(client, "verb=Identify").findtext(f"{OAI}responseDate", "")[:10]
    assert (
        _get(client, f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={today}").find(
            f"{OAI}ListIdentifiers"
        )
        is not None
    )
    formats = _get(client, "verb=ListMetadataFormats&identifier=oai:qoljazba:tauke-khan")
    assert [e.text for e in formats.iter(f"{OAI}metadataPrefix")] == ["oai_dc"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Nope", "badVerb"),
        ("verb=Identify&verb=ListSets", "badVerb"),
        ("verb=Identify&extra=1", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z",
            "badArgument",
        ),
        ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=tei", "badArgument"),
        ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument"),
        ("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken"),
        ("verb=ListIdentifiers&resumptionToken=eyJ2IjoxfQ.forged", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=anything", "badResumptionToken"),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        (
            "verb=GetRecord&metadataPrefix=tei&identifier=oai:qoljazba:tauke-khan",
            "cannotDisseminateFormat",
        ),
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:qoljazba:nobody", "idDoesNotExist"),
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=urn:isbn:123", "idDoesNotExist"),
        ("verb=ListMetadataFormats&identifier=oai:qoljazba:nobody", "idDoesNotExist"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=2100-01-01", "noRecordsMatch"),
        ("verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01", "noRecordsMatch"),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:dragon", "noRecordsMatch"),
    ],
)
def test_each_error_code_comes_from_the_request_that_deserves_it(
    client: FlaskClient, oai_schema: etree.XMLSchema, query: str, code: str
) -> None:
    document = _get(client, query)
    assert oai_schema.validate(document), oai_schema.error_log
    errors = document.findall(f"{OAI}error")
    assert [e.get("code") for e in errors] == [code]
    request = document.find(f"{OAI}request")
    assert request is not None
    if code in {"badVerb", "badArgument"}:
        assert not request.attrib  # the spec: echo no arguments when they are not valid


def test_until_the_end_of_time_lists_everything(client: FlaskClient) -> None:
    everything = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc")
    until = _get(client, "verb=ListIdentifiers&metadataPrefix=oai_dc&until=9999-12-31")
    assert until.find(f"{OAI}error") is None
    assert [e.text for e in until.iter(f"{OAI}identifier")] == [
        e.text for e in everything.iter(f"{OAI}identifier")
    ]


def test_post_is_answered_like_get(client: FlaskClient) -> None:
    response = client.post("/oai", data={"verb": "Identify"})
    assert b"<Identify>" in response.data


def test_withdrawn_records_are_reported_deleted(
    tmp_path: Path, db: Database, shipped_index_path: Path
) -> None:
    with transaction(db) as session:
        for number in (1, 2):
            session.add(
                Manuscript(slug=f"ms-{number}", number=number, state=PublicationState.PUBLISHED)
            )
    with transaction(db) as session:
        from sqlalchemy import select

        first = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-1"))
        assert first is not None
        first.state = PublicationState.DRAFT
        second = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-2"))
        session.delete(second)
    application = _app(
        tmp_path, str(db.engine.url.render_as_string(hide_password=False)), shipped_index_path
    )
    client = application.test_client()
    listing = _get(client, "verb=ListRecords&metadataPrefix=oai_dc")
    headers = listing.findall(f".//{OAI}header")
    assert {(h.findtext(f"{OAI}identifier"), h.get("status")) for h in headers} == {
        ("oai:qoljazba:ms-1", "deleted"),
        ("oai:qoljazba:ms-2", "deleted"),
    }
    assert listing.find(f".//{OAI}metadata") is None
    record = _get(client, "verb=GetRecord&metadataPrefix=tei&identifier=oai:qoljazba:ms-2")
    header = record.find(f".//{OAI}header")
    assert header is not None and header.get("status") == "deleted"
    from app import context

    with application.app_context():
        context.database().dispose()
        context.search_index().close()
