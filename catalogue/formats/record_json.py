"""One record as JSON for the API: every field, all four languages, both calendars.

Each kind's JSON is declared once, as a list of properties (a name, its JSON Schema and how it
is read); the writer reads the declarations, and so does `record_schemas`, which builds the
OpenAPI document's component schemas from them, so the document cannot drift from the JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from catalogue.dates.calendars import Calendar, HistoricalDate, format_years
from catalogue.formats.record_schema import (
    BOOL,
    DATE,
    INT,
    KIND,
    LOC,
    NINT,
    NNUM,
    NSTR,
    STATUS,
    STR,
    Schema,
    array,
    nullable,
    obj,
    ref,
    value_schemas,
)
from catalogue.models import (
    CataloguingStatus,
    Certainty,
    Citation,
    Entity,
    Kind,
    PublicationState,
)
from catalogue.models.page import Side
from catalogue.reading.public import public_ref
from catalogue.reading.records import Link, links

RecordUrl = Callable[[Kind, str], str]


@dataclass(frozen=True)
class Reading:
    """What a property's getter may need besides the record: record addresses, the session."""

    url: RecordUrl
    session: Session | None = None  # only the full record's relations read it


@dataclass(frozen=True)
class Prop:
    """One property of the JSON: its name, its JSON Schema and how it is read from an object."""

    name: str
    schema: Schema
    get: Callable[[Any, Reading], Any]


def date_json(value: HistoricalDate | None) -> dict[str, Any] | None:
    """A dated statement with its derived range shown in the Gregorian and Hijri calendars."""
    if value is None:
        return None
    return {
        **value.to_dict(),
        "display": {
            "gregorian": format_years(value, Calendar.GREGORIAN),
            "hijri": format_years(value, Calendar.HIJRI),
        },
    }


def _enum(values: type[Any]) -> Schema:
    return {"enum": [v.value for v in values]}


# The property makers: one per kind of value, reading attribute `attr` (default: the name).
def plain(name: str, schema: Schema, attr: str = "") -> Prop:
    """A value written as stored (text, number, flag, list of codes)."""
    return Prop(name, schema, lambda o, _r: getattr(o, attr or name))


def term(name: str, schema: Schema, attr: str = "") -> Prop:
    """An enumeration's value."""
    return Prop(name, schema, lambda o, _r: getattr(o, attr or name).value)


def loc(name: str, attr: str = "") -> Prop:
    """A localized text, every language with its review status."""
    return Prop(name, LOC, lambda o, _r: getattr(o, attr or name).to_json())


def date(name: str, attr: str = "") -> Prop:
    """A historical date (or null)."""
    return Prop(name, DATE, lambda o, _r: date_json(getattr(o, attr or name)))


def link(name: str, attr: str = "") -> Prop:
    """A short reference to another record (or null)."""
    return Prop(name, nullable(ref("Ref")), lambda o, r: ref_json(getattr(o, attr or name), r.url))


def group(name: str, props: Sequence[Prop]) -> Prop:
    """Properties of the same object gathered under one name."""
    return Prop(name, obj({p.name: p.schema for p in props}), lambda o, r: _write(props, o, r))


def rows(name: str, props: Sequence[Prop]) -> Prop:
    """A record's rows (contents items, seals...), each an object."""
    return Prop(
        name,
        array(obj({p.name: p.schema for p in props})),
        lambda o, r: [_write(props, row, r) for row in getattr(o, name)],
    )


def component(name: str, schema_name: str, props: Sequence[Prop], attr: str = "") -> Prop:
    """Rows described once by a component schema (a name variant, a citation)."""
    return Prop(
        name,
        array(ref(schema_name)),
        lambda o, r: [_write(props, x, r) for x in getattr(o, attr or name)],
    )


def _write(props: Sequence[Prop], source: Any, reading: Reading) -> dict[str, Any]:
    return {p.name: p.get(source, reading) for p in props}


REF = (
    plain("id", STR, "slug"),
    term("kind", KIND),
    Prop("label", LOC, lambda o, _r: o.label().to_json()),
    Prop("url", STR, lambda o, r: r.url(o.kind, o.slug)),
)


# A link as the public sees it (reading/public.py): id and url are null, and the label says
# "not (yet) public", when the record linked to is a draft. REF stays the record's own.
LINK = (
    Prop("id", NSTR, lambda o, _r: o.slug),
    Prop("kind", KIND, lambda o, _r: o.kind.value),
    Prop("label", LOC, lambda o, _r: o.label.to_json()),
    Prop("url", NSTR, lambda o, r: r.url(o.kind, o.slug) if o.slug else None),
)


def ref_json(record: Entity | None, url: RecordUrl) -> dict[str, Any] | None:
    """A short reference to another record (id and url null when it is not (yet) public)."""
    shown = public_ref(record)
    if shown is None:
        return None
    return _write(LINK, shown, Reading(url))


NAME = (
    plain("text", STR),
    plain("lang", STR),
    plain("script", STR),
    plain("preferred", BOOL),
    term("status", STATUS),
    plain("note", NSTR),
)
NAMES = component("names", "Name", NAME)
CITATION = (link("source"), plain("locator", NSTR), loc("note"))
CITATIONS = component("citations", "Citation", CITATION)
RELATION = (
    Prop("predicate", STR, lambda k, _r: k.predicate.key),
    Prop(
        "direction",
        {"enum": ["forward", "inverse"]},
        lambda k, _r: "inverse" if k.inverse else "forward",
    ),
    Prop(
        "label",
        LOC,
        lambda k, _r: (k.predicate.inverse if k.inverse else k.predicate.label).to_json(),
    ),
    term("certainty", _enum(Certainty), "certainty"),
    Prop("record", ref("Ref"), lambda k, r: ref_json(k.other, r.url)),
    Prop("citations", array(ref("Citation")), lambda k, r: _citations(k.relation.citations, r)),
)


def _citations(citations: list[Citation], reading: Reading) -> list[dict[str, Any]]:
    return [_write(CITATION, c, reading) for c in citations]


def _relations(record: Entity, reading: Reading) -> list[dict[str, Any]]:
    assert reading.session is not None, "relations are read in a session"
    found: list[Link] = links(reading.session, record, citations=True)
    return [_write(RELATION, k, reading) for k in found]


# What a list shows of each kind, after REF (the manuscripts' and events' are kept in place
# when the full record repeats them).
SUMMARY: dict[Kind, tuple[Prop, ...]] = {
    Kind.MANUSCRIPT: (
        plain("number", NINT),
        term("cataloguing_status", _enum(CataloguingStatus)),
    ),
    Kind.PERSON: (NAMES, group("life", (date("birth"), date("death"), date("active")))),
    Kind.PLACE: (NAMES,),
    Kind.EVENT: (date("date"),),
}
RECORD = (
    term("state", _enum(PublicationState)),
    plain("version", INT),
    Prop("created_at", STR, lambda o, _r: o.created_at.isoformat()),
    Prop("updated_at", STR, lambda o, _r: o.updated_at.isoformat()),
)
RELATED = (CITATIONS, Prop("relations", array(ref("Relation")), _relations))

CODES = array(STR)
MANUSCRIPT = (
    link("collection"),
    loc("title"),
    plain("accession_number", NSTR),
    rows(
        "shelfmarks",
        (
            plain("kind", STR),
            plain("institution", STR),
            plain("settlement", NSTR),
            plain("collection", NSTR),
            plain("idno", STR),
        ),
    ),
    loc("summary"),
    plain("text_languages", CODES),
    plain("scripts", CODES),
    plain("subjects", CODES),
    plain("support", NSTR),
    loc("support_note"),
    plain("folio_count", NINT),
    loc("extent_note"),
    group(
        "dimensions",
        (
            plain("leaf_height_mm", NNUM),
            plain("leaf_width_mm", NNUM),
            plain("written_height_mm", NNUM),
            plain("written_width_mm", NNUM),
        ),
    ),
    group(
        "layout",
        (plain("columns", NINT), plain("lines_per_page", NSTR), loc("note", "layout_note")),
    ),
    loc("hands"),
    plain("scribe_name", NSTR),
    loc("decoration"),
    loc("binding"),
    loc("condition"),
    group(
        "origin",
        (date("date", "origin_date"), link("place", "origin_place"), loc("note", "origin_note")),
    ),
    rows(
        "contents",
        (
            plain("locus", NSTR),
            loc("title"),
            link("author"),
            plain("author_text", NSTR),
            plain("text_language", NSTR),
            plain("rubric", NSTR),
            plain("incipit", NSTR),
            plain("explicit", NSTR),
            plain("colophon", NSTR),
            loc("note"),
        ),
    ),
    rows(
        "seals",
        (
            plain("locus", NSTR),
            plain("legend", NSTR),
            loc("legend_translation"),
            plain("shape", NSTR),
            link("owner"),
            plain("owner_text", NSTR),
            date("date"),
            loc("note"),
        ),
    ),
    rows(
        "provenance",
        (
            loc("summary"),
            date("date"),
            loc("date_note"),
            link("place"),
            link("agent"),
            plain("agent_text", NSTR),
            CITATIONS,
        ),
    ),
    rows(
        "pages",
        (
            plain("position", INT),
            plain("label", STR),
            plain("folio", STR),
            term("side", _enum(Side)),
            plain("placeholder", BOOL, "is_placeholder"),
            plain("width", NINT),
            plain("height", NINT),
        ),
    ),
)
AUTHORITY_IDS = (plain("wikidata", NSTR, "wikidata_id"), plain("viaf", NSTR, "viaf_id"))

# Each kind's own properties, after REF, its SUMMARY, NAMES and RECORD.
KIND_FIELDS: dict[Kind, tuple[Prop, ...]] = {
    Kind.MANUSCRIPT: MANUSCRIPT,
    Kind.PERSON: (
        loc("role"),
        loc("summary"),
        date("birth"),
        date("death"),
        date("active"),
        *AUTHORITY_IDS,
    ),
    Kind.PLACE: (
        plain("place_kind", STR),
        link("parent"),
        plain("latitude", NNUM),
        plain("longitude", NNUM),
        term("coordinates_status", STATUS),
        loc("summary"),
        *AUTHORITY_IDS,
    ),
    Kind.EVENT: (
        plain("event_kind", STR),
        loc("title"),
        loc("summary"),
        loc("date_note"),
        link("place"),
    ),
    Kind.SOURCE: (
        plain("source_kind", STR),
        loc("title"),
        loc("summary"),
        plain("author", NSTR),
        plain("publisher", NSTR),
        # the source's own web address, which takes the place of REF's url (as it always has)
        plain("url", NSTR),
        plain("language", NSTR),
        date("date"),
        loc("date_note"),
        plain("full_text", NSTR),
    ),
    Kind.COLLECTION: (
        loc("title"),
        loc("summary"),
        plain("subjects", CODES),
        Prop(
            "manuscripts",
            array(ref("Ref")),
            lambda o, r: [ref_json(m, r.url) for m in o.manuscripts if m.published],
        ),
    ),
}


def summary_props(kind: Kind) -> tuple[Prop, ...]:
    """The properties of a record's short form in lists."""
    return (*REF, *SUMMARY.get(kind, ()))


def record_props(kind: Kind) -> tuple[Prop, ...]:
    """The properties of a record's full form, in the order they are written."""
    summary = summary_props(kind)
    names = () if NAMES in summary else (NAMES,)
    return (*summary, *names, *RECORD, *KIND_FIELDS.get(kind, ()), *RELATED)


def summary_json(record: Entity, url: RecordUrl) -> dict[str, Any]:
    """The short form used in lists: id, kind, label in every language, names, url."""
    return _write(summary_props(record.kind), record, Reading(url))


def record_json(session: Session, record: Entity, url: RecordUrl) -> dict[str, Any]:
    """The full public form of a record, with its citations and relations."""
    return _write(record_props(record.kind), record, Reading(url, session))


SCHEMA_OF = {
    Kind.MANUSCRIPT: "Manuscript",
    Kind.PERSON: "Person",
    Kind.PLACE: "Place",
    Kind.EVENT: "Event",
    Kind.SOURCE: "Source",
    Kind.COLLECTION: "Collection",
}


def _schema(props: Sequence[Prop], required: Sequence[Prop] | None = None) -> Schema:
    every = {p.name: p.schema for p in props}
    return obj(every, required=None if required is None else [p.name for p in required])


def record_schemas() -> dict[str, Schema]:
    """The component schemas of the records' JSON, built from the declarations above."""
    extras = {p.name: p for kind in SUMMARY for p in SUMMARY[kind]}
    return {
        **value_schemas(),
        "Ref": _schema(LINK),
        "Name": _schema(NAME),
        "Citation": _schema(CITATION),
        "Relation": _schema(RELATION),
        "Summary": _schema((*REF, *extras.values()), required=REF),
        **{name: _schema(record_props(kind)) for kind, name in SCHEMA_OF.items()},
    }
