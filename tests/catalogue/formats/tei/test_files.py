"""The published catalogue as TEI files, made directly: one per published manuscript and the
authority file of published people, places and collections; drafts stay out."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from sqlalchemy.orm import Session

from catalogue.formats.tei.files import authority_file, tei_files
from catalogue.formats.tei.writer import AUTHORITY_FILE, TEI_NS
from catalogue.models import Collection, Kind, Manuscript, Person, Place, PublicationState

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI_NS}


def url(kind: Kind, slug: str) -> str:
    return f"https://example.org/{kind.value}/{slug}"


def _ids(data: bytes, path: str) -> list[str]:
    return [node.get(XML_ID, "") for node in etree.fromstring(data).iterfind(path, NS)]


def test_one_file_per_published_manuscript_and_the_authority_file(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    make_manuscript(slug="ms-b")
    make_manuscript(slug="ms-a")
    make_manuscript(slug="ms-draft", state=PublicationState.DRAFT)
    files = tei_files(session, url, "https://example.org/tei/authority.xml")
    assert sorted(files) == sorted([AUTHORITY_FILE, "ms-a.xml", "ms-b.xml"])
    for name, data in files.items():
        root = etree.fromstring(data)
        assert root.tag == f"{{{TEI_NS}}}TEI", name
        assert data.startswith(b"<?xml"), name
    assert b"ms-a" in files["ms-a.xml"] and b"ms-draft" not in files["ms-a.xml"]


def test_the_authority_file_lists_published_people_places_and_collections(
    session: Session,
    make_person: Callable[..., Person],
    make_place: Callable[..., Place],
) -> None:
    make_person(slug="tauke")
    make_person(slug="abai")
    make_person(slug="draft-person", state=PublicationState.DRAFT)
    make_place(slug="yasy")
    make_place(slug="draft-place", state=PublicationState.DRAFT)
    session.add(Collection(slug="coll", state=PublicationState.PUBLISHED))
    session.add(Collection(slug="draft-coll", state=PublicationState.DRAFT))
    session.flush()
    data = authority_file(session, url, "https://example.org/tei/authority.xml")
    assert _ids(data, ".//tei:listPerson/tei:person") == ["abai", "tauke"]  # by identifier
    assert _ids(data, ".//tei:listPlace/tei:place") == ["yasy"]
    assert b"draft-" not in data and b"coll" in data


def test_an_empty_catalogue_is_its_authority_file_alone(session: Session) -> None:
    files = tei_files(session, url, "https://example.org/tei/authority.xml")
    assert list(files) == [AUTHORITY_FILE]
    assert _ids(files[AUTHORITY_FILE], ".//tei:listPerson/tei:person") == []
