"""schema.org JSON-LD and authority links (Wikidata, VIAF)."""

from __future__ import annotations

from collections.abc import Callable

from catalogue.formats.jsonld import authority_links, jsonld
from catalogue.models import Kind, Manuscript, Person, Place


def url(kind: Kind, slug: str) -> str:
    return f"https://x.org/{kind.value}/{slug}"


def test_a_person_with_wikidata_and_viaf(make_person: Callable[..., Person]) -> None:
    person = make_person(slug="p", wikidata_id="Q312", viaf_id="12345")
    data = jsonld(person, url)
    assert data["@type"] == "Person"
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q312", "https://viaf.org/viaf/12345"]
    assert {"@language": "en", "@value": "Name p"} in data["name"]


def test_malformed_ids_are_never_linked(make_place: Callable[..., Place]) -> None:
    place = make_place(wikidata_id="javascript:alert(1)", viaf_id="1 OR 1")
    assert authority_links(place) == []
    assert "sameAs" not in jsonld(place, url)


def test_a_manuscript_is_a_schema_org_manuscript(
    make_manuscript: Callable[..., Manuscript],
) -> None:
    data = jsonld(make_manuscript(slug="ms-1"), url)
    assert data["@type"] == "Manuscript" and data["@id"] == "https://x.org/manuscript/ms-1"
