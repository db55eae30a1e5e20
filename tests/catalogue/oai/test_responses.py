"""OAI-PMH answers made directly: each verb, protocol errors as answers, deleted records, and
long lists given page by page with resumption tokens."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from lxml import etree
from sqlalchemy.orm import Session

from catalogue.formats.dublin_core import DC
from catalogue.models import Kind, Manuscript, Person, PublicationState, Tombstone
from catalogue.oai.responses import OAI, Repository, respond

NS = {"o": OAI, "dc": DC}
NOW = datetime.datetime(2030, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
REPOSITORY = Repository(
    name="Qoljazba",
    base_url="https://example.org/oai",
    admin_emails=("admin@example.org",),
    secret="a test secret",
    page_size=2,
    record_url=lambda kind, slug: f"https://example.org/{kind.value}/{slug}",
)


def _ask(session: Session, **params: str) -> etree._Element:
    data = respond(session, REPOSITORY, {k: [v] for k, v in params.items()}, NOW)
    assert data.startswith(b"<?xml")
    return etree.fromstring(data)


def _error(root: etree._Element) -> str | None:
    found = root.find("o:error", NS)
    return None if found is None else found.get("code")


def _texts(root: etree._Element, path: str) -> list[str]:
    return [node.text or "" for node in root.iterfind(path, NS)]


@pytest.fixture
def catalogue(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    make_person: Callable[..., Person],
) -> Session:
    """Three published people, a manuscript, a draft, and a withdrawn record."""
    for slug in ("a-person", "b-person", "c-person"):
        make_person(slug=slug)
    make_person(slug="draft", state=PublicationState.DRAFT)
    make_manuscript(slug="ms-1")
    session.add(
        Tombstone(
            slug="gone",
            kind="person",
            withdrawn_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        )
    )
    session.flush()
    return session


def test_identify(catalogue: Session) -> None:
    root = _ask(catalogue, verb="Identify")
    assert _error(root) is None
    assert _texts(root, "o:responseDate") == ["2030-05-06T07:08:09Z"]
    assert root.find("o:request", NS).get("verb") == "Identify"
    assert _texts(root, "o:Identify/o:repositoryName") == ["Qoljazba"]
    assert _texts(root, "o:Identify/o:earliestDatestamp") == ["2020-01-01T00:00:00Z"]
    assert _texts(root, "o:Identify/o:deletedRecord") == ["persistent"]
    assert _texts(root, "o:Identify/o:adminEmail") == ["admin@example.org"]


def test_a_bad_verb_is_an_error_answer_echoing_nothing(catalogue: Session) -> None:
    root = _ask(catalogue, verb="Steal", identifier="x")
    assert _error(root) == "badVerb"
    request = root.find("o:request", NS)
    assert request is not None and dict(request.attrib) == {}


def test_get_record_in_dublin_core(catalogue: Session) -> None:
    root = _ask(
        catalogue, verb="GetRecord", identifier="oai:qoljazba:a-person", metadataPrefix="oai_dc"
    )
    assert _error(root) is None
    assert _texts(root, ".//o:header/o:identifier") == ["oai:qoljazba:a-person"]
    assert _texts(root, ".//o:header/o:setSpec") == ["kind:person"]
    assert _texts(root, ".//dc:identifier") == ["https://example.org/person/a-person"]


def test_get_record_refusals(catalogue: Session) -> None:
    def code(**params: str) -> str | None:
        return _error(_ask(catalogue, verb="GetRecord", **params))

    assert code(identifier="oai:qoljazba:a-person", metadataPrefix="tei") == (
        "cannotDisseminateFormat"
    )
    assert code(identifier="oai:qoljazba:draft", metadataPrefix="oai_dc") == "idDoesNotExist"
    assert code(identifier="oai:qoljazba:ms-1", metadataPrefix="marc") == (
        "cannotDisseminateFormat"
    )
    assert code(identifier="oai:qoljazba:ms-1") == "badArgument"


def test_a_withdrawn_record_is_a_deleted_header_without_metadata(catalogue: Session) -> None:
    root = _ask(
        catalogue, verb="GetRecord", identifier="oai:qoljazba:gone", metadataPrefix="oai_dc"
    )
    header = root.find(".//o:header", NS)
    assert header is not None and header.get("status") == "deleted"
    assert root.find(".//o:metadata", NS) is None


def test_formats_offered_per_item(catalogue: Session) -> None:
    def prefixes(**params: str) -> list[str]:
        root = _ask(catalogue, verb="ListMetadataFormats", **params)
        return _texts(root, ".//o:metadataPrefix")

    assert prefixes() == ["oai_dc", "tei"]
    assert prefixes(identifier="oai:qoljazba:ms-1") == ["oai_dc", "tei"]
    assert prefixes(identifier="oai:qoljazba:a-person") == ["oai_dc"]
    root = _ask(catalogue, verb="ListMetadataFormats", identifier="oai:qoljazba:nobody")
    assert _error(root) == "idDoesNotExist"


def test_a_long_list_is_given_page_by_page(catalogue: Session) -> None:
    seen: list[str] = []
    root = _ask(catalogue, verb="ListIdentifiers", metadataPrefix="oai_dc")
    cursors = []
    while True:
        assert _error(root) is None
        seen += _texts(root, ".//o:header/o:identifier")
        token = root.find(".//o:resumptionToken", NS)
        assert token is not None and token.get("completeListSize") == "5"
        cursors.append(token.get("cursor"))
        if not token.text:
            break
        assert token.get("expirationDate") == "2030-05-07T07:08:09Z"
        root = _ask(catalogue, verb="ListIdentifiers", resumptionToken=token.text)
    assert cursors == ["0", "2", "4"]
    assert seen[0] == "oai:qoljazba:gone"  # the oldest first
    assert sorted(seen) == [
        f"oai:qoljazba:{slug}" for slug in ("a-person", "b-person", "c-person", "gone", "ms-1")
    ]


def test_a_list_that_fits_one_page_has_no_token(catalogue: Session) -> None:
    root = _ask(catalogue, verb="ListRecords", metadataPrefix="tei")
    assert _texts(root, ".//o:header/o:identifier") == ["oai:qoljazba:ms-1"]
    assert root.find(".//o:resumptionToken", NS) is None
    assert root.find(".//o:metadata", NS) is not None


def test_empty_lists_and_unknown_sets_are_no_records_match(catalogue: Session) -> None:
    def code(**params: str) -> str | None:
        return _error(_ask(catalogue, verb="ListRecords", metadataPrefix="oai_dc", **params))

    assert code(set="kind:event") == "noRecordsMatch"
    assert code(set="no-such-set") == "noRecordsMatch"
    assert code(**{"from": "2031-01-01"}) == "noRecordsMatch"
    assert code(resumptionToken="forged") == "badArgument"  # a token goes alone
    alone = _ask(catalogue, verb="ListRecords", resumptionToken="forged")
    assert _error(alone) == "badResumptionToken"
    sets = _ask(catalogue, verb="ListSets", resumptionToken="forged")
    assert _error(sets) == "badResumptionToken"


def test_sets_are_listed_whole(catalogue: Session) -> None:
    root = _ask(catalogue, verb="ListSets")
    specs = _texts(root, ".//o:set/o:setSpec")
    assert specs[:2] == ["kind", f"kind:{next(iter(Kind)).value}"]
    assert "collection" in specs
