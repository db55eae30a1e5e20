"""What the curator can edit of each kind of record: its fields and its parts (rows)."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.editing.children import Part
from catalogue.editing.fields import Field
from catalogue.language.localized import Status
from catalogue.language.messages import Message
from catalogue.language.vocabulary import vocabulary
from catalogue.language.words import kind_word
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

STATES = tuple(s.value for s in PublicationState)
STATE = Field("state", "choice", label=Message("State"), choices=STATES)
SCRIPTS = ("Arab", "Cyrl", "Latn")
PERSON = ("person",)
PLACE = ("place",)


@dataclass(frozen=True)
class Section:
    """One editable kind of record."""

    title: str  # a Message: the section's name in the curator's menus and headings
    model: type[Entity] | type[Exhibit]
    fields: tuple[Field, ...]
    parts: tuple[Part, ...] = ()


def _from_vocabulary(
    name: str, kind: str, label: str, vocab: str, *, max_length: int = 300, required: bool = False
) -> Field:
    """A field whose choices are a vocabulary's terms, labelled by that vocabulary."""
    choices = tuple(vocabulary().keys(vocab))
    return Field(
        name,
        kind,
        label=label,
        vocabulary=vocab,
        choices=choices,
        max_length=max_length,
        required=required,
    )


NAMES = Part(
    "names",
    NameVariant,
    (
        Field("text", "text", label=Message("Name"), max_length=300),
        Field("lang", "code", label=Message("Language code (kk, ru, en, fa, ar…)"), max_length=8),
        Field("script", "choice", label=Message("Script"), choices=SCRIPTS),
        Field("preferred", "flag", label=Message("Preferred")),
        Field("status", "status", label=Message("Review")),
        Field("note", "text", label=Message("Note"), max_length=2000),
    ),
    label=Message("Names"),
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
        Field(
            "source",
            "ref",
            label=Message("Source (its identifier)"),
            max_length=80,
            kinds=("source",),
        ),
        Field("locator", "text", label=Message("Where in it (page, folio)"), max_length=200),
        Field("note", "localized", label=Message("Note"), max_length=5000),
    ),
    label=Message("Sources"),
    needed=("source",),
    check=_cites_a_source,
)
CITED = Field(
    "citations", "rows", label=Message("Sources"), part=CITATIONS
)  # a relation's or provenance entry's sources


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
        Field(
            "predicate",
            "choice",
            label=Message("Relation"),
            vocabulary="predicates",
            choices=tuple(vocabulary().predicates),
        ),
        Field(
            "object", "ref", label=Message("With (identifier of the other record)"), max_length=80
        ),
        Field(
            "certainty",
            "choice",
            label=Message("Certainty"),
            vocabulary="certainty",
            choices=tuple(c.value for c in Certainty),
        ),
        Field("note", "localized", label=Message("Note"), max_length=5000),
        CITED,
    ),
    label=Message("Connections"),
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
            Field(
                "kind",
                "choice",
                label=Message("Kind"),
                choices=("shelfmark", "accession", "former"),
            ),
            Field("institution", "text", label=Message("Institution"), max_length=300),
            Field("settlement", "text", label=Message("Settlement"), max_length=120),
            Field("collection", "text", label=Message("Collection"), max_length=300),
            Field("idno", "text", label=Message("Number"), max_length=120),
        ),
        label=Message("Shelfmarks"),
        needed=("kind", "institution", "idno"),
    ),
    Part(
        "contents",
        ContentsItem,
        (
            Field("locus", "text", label=Message("Folios (locus)"), max_length=80),
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("author", "ref", label=Message("Author"), max_length=80, kinds=PERSON),
            Field("author_text", "text", label=Message("Author (as written)"), max_length=300),
            Field("text_language", "code", label=Message("Language of the text"), max_length=8),
            Field("rubric", "text", label=Message("Rubric"), max_length=5000),
            Field("incipit", "text", label=Message("Incipit"), max_length=5000),
            Field("explicit", "text", label=Message("Explicit"), max_length=5000),
            Field("colophon", "text", label=Message("Colophon"), max_length=5000),
            Field("note", "localized", label=Message("Note"), max_length=5000),
        ),
        label=Message("Contents"),
    ),
    Part(
        "seals",
        Seal,
        (
            Field("locus", "text", label=Message("Folios (locus)"), max_length=80),
            Field("legend", "text", label=Message("Legend (as read)"), max_length=2000),
            Field(
                "legend_translation",
                "localized",
                label=Message("Legend, translated"),
                max_length=2000,
            ),
            Field("shape", "text", label=Message("Shape"), max_length=40),
            Field(
                "owner",
                "ref",
                label=Message("Owner (a person's identifier)"),
                max_length=80,
                kinds=PERSON,
            ),
            Field("owner_text", "text", label=Message("Owner (as written)"), max_length=300),
            Field("date", "date", label=Message("Date"), max_length=200),
            Field("note", "localized", label=Message("Note"), max_length=5000),
        ),
        label=Message("Seals"),
    ),
    Part(
        "provenance",
        ProvenanceEntry,
        (
            Field("summary", "localized", label=Message("Summary"), max_length=5000),
            Field("date", "date", label=Message("Date"), max_length=200),
            Field("date_note", "localized", label=Message("About the date"), max_length=5000),
            Field("place", "ref", label=Message("Place"), max_length=80, kinds=PLACE),
            Field(
                "agent",
                "ref",
                label=Message("Owner or agent (a person's identifier)"),
                max_length=80,
                kinds=PERSON,
            ),
            Field(
                "agent_text", "text", label=Message("Owner or agent (as written)"), max_length=300
            ),
            CITED,
        ),
        label=Message("Provenance"),
    ),
)

SECTIONS: dict[str, Section] = {
    "manuscripts": Section(
        Message("Manuscripts"),
        Manuscript,
        (
            STATE,
            Field("number", "int", label=Message("Number in the collection"), low=1, high=10_000),
            Field("accession_number", "text", label=Message("Accession number"), max_length=80),
            Field(
                "cataloguing_status",
                "choice",
                label=Message("Cataloguing"),
                vocabulary="cataloguing_status",
                choices=tuple(s.value for s in CataloguingStatus),
            ),
            Field(
                "collection",
                "ref",
                label=Message("Collection"),
                max_length=80,
                kinds=("collection",),
            ),
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            Field("origin_date", "date", label=Message("Date of origin"), max_length=200),
            Field(
                "origin_place",
                "ref",
                label=Message("Place of origin (its identifier)"),
                max_length=80,
                kinds=PLACE,
            ),
            Field("origin_note", "localized", label=Message("Origin"), max_length=5000),
            Field(
                "text_languages",
                "list",
                label=Message("Languages of the texts (codes)"),
                max_length=200,
            ),
            _from_vocabulary(
                "scripts",
                "list",
                Message("Scripts"),
                "scripts",
                max_length=300,
            ),
            _from_vocabulary(
                "subjects",
                "list",
                Message("Subjects"),
                "subjects",
                max_length=1000,
            ),
            _from_vocabulary(
                "support",
                "choice",
                Message("Material"),
                "supports",
            ),
            Field("scribe_name", "text", label=Message("Scribe (as written)"), max_length=300),
            Field("folio_count", "int", label=Message("Folios"), low=1, high=10_000),
            Field("leaf_height_mm", "float", label=Message("Leaf height (mm)"), high=5000),
            Field("leaf_width_mm", "float", label=Message("Leaf width (mm)"), high=5000),
            Field(
                "written_height_mm", "float", label=Message("Written area height (mm)"), high=5000
            ),
            Field("written_width_mm", "float", label=Message("Written area width (mm)"), high=5000),
            Field("columns", "int", label=Message("Columns"), low=1, high=20),
            Field("lines_per_page", "text", label=Message("Lines per page"), max_length=40),
            Field("support_note", "localized", label=Message("Support"), max_length=5000),
            Field("extent_note", "localized", label=Message("Extent"), max_length=5000),
            Field("layout_note", "localized", label=Message("Layout"), max_length=5000),
            Field("hands", "localized", label=Message("Hands"), max_length=5000),
            Field("decoration", "localized", label=Message("Decoration"), max_length=5000),
            Field("binding", "localized", label=Message("Binding"), max_length=5000),
            Field("condition", "localized", label=Message("Condition"), max_length=5000),
        ),
        (*MANUSCRIPT_PARTS, NAMES, RELATIONS, CITATIONS),
    ),
    "people": Section(
        Message("People"),
        Person,
        (
            STATE,
            Field("role", "localized", label=Message("Role"), max_length=1000),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            Field("birth", "date", label=Message("Birth"), max_length=200),
            Field("death", "date", label=Message("Death"), max_length=200),
            Field("active", "date", label=Message("Active"), max_length=200),
            Field("wikidata_id", "code", label=Message("Wikidata id"), max_length=20),
            Field("viaf_id", "code", label=Message("VIAF id"), max_length=30),
            Field("portrait_key", "image", label=Message("Portrait (a page image)"), max_length=80),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "places": Section(
        Message("Places"),
        Place,
        (
            STATE,
            _from_vocabulary(
                "place_kind",
                "choice",
                Message("Kind of place"),
                "place_kinds",
                required=True,
            ),
            Field(
                "parent",
                "ref",
                label=Message("Lies within (a place's identifier)"),
                max_length=80,
                kinds=PLACE,
            ),
            Field("latitude", "float", label=Message("Latitude"), low=-90, high=90),
            Field("longitude", "float", label=Message("Longitude"), low=-180, high=180),
            Field(
                "coordinates_status",
                "choice",
                label=Message("Coordinates checked?"),
                choices=tuple(s.value for s in Status),
            ),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            Field("wikidata_id", "code", label=Message("Wikidata id"), max_length=20),
            Field("viaf_id", "code", label=Message("VIAF id"), max_length=30),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "events": Section(
        Message("Events"),
        Event,
        (
            STATE,
            _from_vocabulary(
                "event_kind",
                "choice",
                Message("Kind of event"),
                "event_kinds",
                required=True,
            ),
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            Field("date", "date", label=Message("Date"), max_length=200),
            Field("date_note", "localized", label=Message("About the date"), max_length=5000),
            Field("place", "ref", label=Message("Place"), max_length=80, kinds=PLACE),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "sources": Section(
        Message("Sources"),
        Source,
        (
            STATE,
            _from_vocabulary(
                "source_kind",
                "choice",
                Message("Kind of source"),
                "source_kinds",
                required=True,
            ),
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            Field("author", "text", label=Message("Author"), max_length=300),
            Field("publisher", "text", label=Message("Publisher"), max_length=300),
            Field("url", "url", label=Message("Web address (http or https)"), max_length=500),
            Field("language", "code", label=Message("Language"), max_length=8),
            Field("date", "date", label=Message("Date"), max_length=200),
            Field("date_note", "localized", label=Message("About the date"), max_length=5000),
            Field("full_text", "text", label=Message("Full text"), max_length=200_000),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "collections": Section(
        Message("Collections"),
        Collection,
        (
            STATE,
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("summary", "localized", label=Message("Summary"), max_length=20_000),
            _from_vocabulary(
                "subjects",
                "list",
                Message("Subjects"),
                "subjects",
                max_length=1000,
            ),
        ),
        (NAMES, RELATIONS, CITATIONS),
    ),
    "exhibits": Section(
        Message("Exhibits"),
        Exhibit,
        (
            STATE,
            Field(
                "position", "int", label=Message("Place on the kiosk's menu"), low=0, high=10_000
            ),
            Field("title", "localized", label=Message("Title"), max_length=1000),
            Field("introduction", "localized", label=Message("Introduction"), max_length=20_000),
        ),
        (
            Part(
                "steps",
                ExhibitStep,
                (
                    Field(
                        "entity",
                        "ref",
                        label=Message("Record shown (its identifier)"),
                        max_length=80,
                    ),
                    Field(
                        "page",
                        "page",
                        label=Message("Page shown (manuscript/folio, e.g. ms-01/12r)"),
                        max_length=100,
                    ),
                    Field("heading", "localized", label=Message("Heading"), max_length=1000),
                    Field("caption", "localized", label=Message("Caption"), max_length=5000),
                ),
                label=Message("Steps"),
            ),
        ),
    ),
}
