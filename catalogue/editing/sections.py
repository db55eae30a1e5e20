"""What the curator can edit of each kind of record: its fields and its parts (rows)."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.editing.children import Part
from catalogue.editing.fields import Field
from catalogue.localized import Status
from catalogue.messages import Message
from catalogue.models import (
    CataloguingStatus,
    Certainty,
    Citation,
    Collection,
    ContentsItem,
    Entity,
    Event,
    Exhibit,
    ExhibitStep,
    Manuscript,
    NameVariant,
    Person,
    Place,
    ProvenanceEntry,
    PublicationState,
    Relation,
    Seal,
    Shelfmark,
    Source,
)
from catalogue.vocabulary import vocabulary
from catalogue.words import kind_word

STATES = tuple(s.value for s in PublicationState)
STATE = Field("state", "choice", choices=STATES)
SCRIPTS = ("Arab", "Cyrl", "Latn")
PERSON = ("person",)
PLACE = ("place",)


@dataclass(frozen=True)
class Section:
    """One editable kind of record."""

    model: type[Entity] | type[Exhibit]
    fields: tuple[Field, ...]
    parts: tuple[Part, ...] = ()


def _choices(name: str) -> tuple[str, ...]:
    return tuple(vocabulary().keys(name))


NAMES = Part(
    "names",
    NameVariant,
    (
        Field("text", "text", max_length=300),
        Field("lang", "code", max_length=8),
        Field("script", "choice", choices=SCRIPTS),
        Field("preferred", "flag"),
        Field("status", "status"),
        Field("note", "text", max_length=2000),
    ),
    needed=("text", "lang", "script"),
)


def _cites_a_source(_record: Entity, row: dict[str, object]) -> str | None:
    if not isinstance(row.get("source"), Source):
        return Message("this identifier names a record that is not a source")
    return None


CITATIONS = Part(
    "citations",
    Citation,
    (
        Field("source", "ref", max_length=80, kinds=("source",)),
        Field("locator", "text", max_length=200),
        Field("note", "localized", max_length=5000),
    ),
    needed=("source",),
    check=_cites_a_source,
)
CITED = Field("citations", "rows", part=CITATIONS)  # a relation's or provenance entry's sources


def _relation_allowed(record: Entity, row: dict[str, object]) -> str | None:
    predicate = vocabulary().predicates.get(str(row.get("predicate")))
    other = row.get("object")
    if predicate is None or not isinstance(other, Entity):
        return None
    if other is record:
        return Message("a record cannot be related to itself")
    if not predicate.allows(record.kind.value, other.kind.value):
        return Message(
            "“%(predicate)s” does not link a %(subject)s to a %(object)s",
            predicate=predicate.key,
            subject=kind_word(record.kind.value),
            object=kind_word(other.kind.value),
        )
    return None


RELATIONS = Part(
    "outgoing",
    Relation,
    (
        Field("predicate", "choice", choices=tuple(vocabulary().predicates)),
        Field("object", "ref", max_length=80),
        Field("certainty", "choice", choices=tuple(c.value for c in Certainty)),
        Field("note", "localized", max_length=5000),
        CITED,
    ),
    needed=("predicate", "object", "certainty"),
    unique=("predicate", "object"),
    ordered=False,
    check=_relation_allowed,
)


MANUSCRIPT_PARTS = (
    Part(
        "shelfmarks",
        Shelfmark,
        (
            Field("kind", "choice", choices=("shelfmark", "accession", "former")),
            Field("institution", "text", max_length=300),
            Field("settlement", "text", max_length=120),
            Field("collection", "text", max_length=300),
            Field("idno", "text", max_length=120),
        ),
        needed=("kind", "institution", "idno"),
    ),
    Part(
        "contents",
        ContentsItem,
        (
            Field("locus", "text", max_length=80),
            Field("title", "localized", max_length=1000),
            Field("author", "ref", max_length=80, kinds=PERSON),
            Field("author_text", "text", max_length=300),
            Field("text_language", "code", max_length=8),
            Field("rubric", "text", max_length=5000),
            Field("incipit", "text", max_length=5000),
            Field("explicit", "text", max_length=5000),
            Field("colophon", "text", max_length=5000),
            Field("note", "localized", max_length=5000),
        ),
    ),
    Part(
        "seals",
        Seal,
        (
            Field("locus", "text", max_length=80),
            Field("legend", "text", max_length=2000),
            Field("legend_translation", "localized", max_length=2000),
            Field("shape", "text", max_length=40),
            Field("owner", "ref", max_length=80, kinds=PERSON),
            Field("owner_text", "text", max_length=300),
            Field("date", "date", max_length=200),
            Field("note", "localized", max_length=5000),
        ),
    ),
    Part(
        "provenance",
        ProvenanceEntry,
        (
            Field("summary", "localized", max_length=5000),
            Field("date", "date", max_length=200),
            Field("date_note", "localized", max_length=5000),
            Field("place", "ref", max_length=80, kinds=PLACE),
            Field("agent", "ref", max_length=80, kinds=PERSON),
            Field("agent_text", "text", max_length=300),
            CITED,
        ),
    ),
)

SECTIONS: dict[str, Section] = {
    "manuscripts": Section(
        Manuscript,
        (
            STATE,
            Field("number", "int", low=1, high=10_000),
            Field("accession_number", "text", max_length=80),
            Field(
                "cataloguing_status", "choice", choices=tuple(s.value for s in CataloguingStatus)
            ),
            Field("collection", "ref", max_length=80, kinds=("collection",)),
            Field("title", "localized", max_length=1000),
            Field("summary", "localized", max_length=20_000),
            Field("origin_date", "date", max_length=200),
            Field("origin_place", "ref", max_length=80, kinds=PLACE),
            Field("origin_note", "localized", max_length=5000),
            Field("text_languages", "list", max_length=200),
            Field("scripts", "list", max_length=300, choices=_choices("scripts")),
            Field("subjects", "list", max_length=1000, choices=_choices("subjects")),
            Field("support", "choice", choices=_choices("supports")),
            Field("scribe_name", "text", max_length=300),
            Field("folio_count", "int", low=1, high=10_000),
            Field("leaf_height_mm", "float", high=5000),
            Field("leaf_width_mm", "float", high=5000),
            Field("written_height_mm", "float", high=5000),
            Field("written_width_mm", "float", high=5000),
            Field("columns", "int", low=1, high=20),
            Field("lines_per_page", "text", max_length=40),
            Field("support_note", "localized", max_length=5000),
            Field("extent_note", "localized", max_length=5000),
            Field("layout_note", "localized", max_length=5000),
            Field("hands", "localized", max_length=5000),
            Field("decoration", "localized", max_length=5000),
            Field("binding", "localized", max_length=5000),
            Field("condition", "localized", max_length=5000),
        ),
        (*MANUSCRIPT_PARTS, NAMES, RELATIONS, CITATIONS),
    ),
    "people": Section(
        Person,
        (
            STATE,
            Field("role", "localized", max_length=1000),
            Field("summary", "localized", max_length=20_000),
            Field("birth", "date", max_length=200),
            Field("death", "date", max_length=200),
            Field("active", "date", max_length=200),
            Field("wikidata_id", "code", max_length=20),
            Field("viaf_id", "code", max_length=30),
            Field("portrait_key", "image", max_length=80),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "places": Section(
        Place,
        (
            STATE,
            Field("place_kind", "choice", choices=_choices("place_kinds"), required=True),
            Field("parent", "ref", max_length=80, kinds=PLACE),
            Field("latitude", "float", low=-90, high=90),
            Field("longitude", "float", low=-180, high=180),
            Field("coordinates_status", "choice", choices=tuple(s.value for s in Status)),
            Field("summary", "localized", max_length=20_000),
            Field("wikidata_id", "code", max_length=20),
            Field("viaf_id", "code", max_length=30),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "events": Section(
        Event,
        (
            STATE,
            Field("event_kind", "choice", choices=_choices("event_kinds"), required=True),
            Field("title", "localized", max_length=1000),
            Field("summary", "localized", max_length=20_000),
            Field("date", "date", max_length=200),
            Field("date_note", "localized", max_length=5000),
            Field("place", "ref", max_length=80, kinds=PLACE),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "sources": Section(
        Source,
        (
            STATE,
            Field("source_kind", "choice", choices=_choices("source_kinds"), required=True),
            Field("title", "localized", max_length=1000),
            Field("summary", "localized", max_length=20_000),
            Field("author", "text", max_length=300),
            Field("publisher", "text", max_length=300),
            Field("url", "url", max_length=500),
            Field("language", "code", max_length=8),
            Field("date", "date", max_length=200),
            Field("date_note", "localized", max_length=5000),
            Field("full_text", "text", max_length=200_000),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "collections": Section(
        Collection,
        (
            STATE,
            Field("title", "localized", max_length=1000),
            Field("summary", "localized", max_length=20_000),
            Field("subjects", "list", max_length=1000, choices=_choices("subjects")),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "exhibits": Section(
        Exhibit,
        (
            STATE,
            Field("position", "int", low=0, high=10_000),
            Field("title", "localized", max_length=1000),
            Field("introduction", "localized", max_length=20_000),
        ),
        (
            Part(
                "steps",
                ExhibitStep,
                (
                    Field("entity", "ref", max_length=80),
                    Field("page", "page", max_length=100),
                    Field("heading", "localized", max_length=1000),
                    Field("caption", "localized", max_length=5000),
                ),
            ),
        ),
    ),
}
