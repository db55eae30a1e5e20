"""The OpenAPI 3.1 document for /api (JSON Schema 2020-12 schemas; tests validate responses)."""

from __future__ import annotations

from typing import Any

from app.urls import SECTIONS
from catalogue.models import CataloguingStatus, Kind
from catalogue.records import filter_columns

LANGS = ("kk", "ru", "en", "fa")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _obj(properties: dict[str, Any], *, required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
NINT = {"type": ["integer", "null"]}
NNUM = {"type": ["number", "null"]}
LOC = _ref("Localized")
DATE = _nullable(_ref("HistoricalDate"))
REF = _nullable(_ref("Ref"))
CITATIONS = {"type": "array", "items": _ref("Citation")}


def _schemas() -> dict[str, Any]:
    value = _obj(
        {"text": STR, "status": {"enum": ["checked", "review"]}}, required=["text", "status"]
    )
    base = {
        "id": STR,
        "kind": {"enum": [k.value for k in Kind]},
        "label": LOC,
        "url": STR,
        "state": {"enum": ["draft", "published"]},
        "version": {"type": "integer"},
        "created_at": STR,
        "updated_at": STR,
        "names": {"type": "array", "items": _ref("Name")},
        "citations": CITATIONS,
        "relations": {"type": "array", "items": _ref("Relation")},
    }
    names = {"type": "array", "items": _ref("Name")}
    life = _obj({"birth": DATE, "death": DATE, "active": DATE})
    schemas: dict[str, Any] = {
        "LocalizedValue": value,
        "Localized": {
            "type": "object",
            "description": "A value per interface language; each says whether it was checked.",
            "properties": {lang: _ref("LocalizedValue") for lang in LANGS},
            "additionalProperties": False,
        },
        "HistoricalDate": _obj(
            {
                "statement": STR,
                "calendar": {"enum": ["hijri", "persian", "julian", "gregorian"]},
                "precision": {"enum": ["exact", "circa", "before", "after", "range", "century"]},
                "earliest": NSTR,
                "latest": NSTR,
                "display": _obj({"gregorian": STR, "hijri": STR}),
            }
        ),
        "Ref": _obj({"id": STR, "kind": STR, "label": LOC, "url": STR}),
        "Name": _obj(
            {
                "text": STR,
                "lang": STR,
                "script": STR,
                "preferred": {"type": "boolean"},
                "status": {"enum": ["checked", "review"]},
                "note": NSTR,
            }
        ),
        "Citation": _obj({"source": REF, "locator": NSTR, "note": LOC}),
        "Relation": _obj(
            {
                "predicate": STR,
                "direction": {"enum": ["forward", "inverse"]},
                "label": LOC,
                "certainty": {"enum": ["attested", "probable", "possible"]},
                "record": _ref("Ref"),
                "citations": CITATIONS,
            }
        ),
        "Summary": {
            "type": "object",
            "properties": {
                "id": STR,
                "kind": STR,
                "label": LOC,
                "url": STR,
                "names": names,
                "life": life,
                "number": NINT,
                "cataloguing_status": STR,
                "date": DATE,
            },
            "required": ["id", "kind", "label", "url"],
            "additionalProperties": False,
        },
        "RecordList": _obj(
            {
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "pages": {"type": "integer"},
                "links": _obj({"next": NSTR, "prev": NSTR}),
                "items": {"type": "array", "items": _ref("Summary")},
            }
        ),
        "Error": _obj({"error": _obj({"status": {"type": "integer"}, "message": STR})}),
        "SearchResults": _obj(
            {
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "pages": {"type": "integer"},
                "notices": {"type": "array", "items": STR},
                "hits": {
                    "type": "array",
                    "items": _obj(
                        {
                            "kind": STR,
                            "id": STR,
                            "title": STR,
                            "url": STR,
                            "snippet": {
                                "type": "string",
                                "description": "HTML: escaped text, matches in <mark>",
                            },
                            "page": NSTR,
                            "score": {"type": "number"},
                            "date_from": NSTR,
                            "date_to": NSTR,
                        }
                    ),
                },
                "facets": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": _obj({"value": STR, "count": {"type": "integer"}}),
                    },
                },
            }
        ),
    }
    people_fields = {
        "names": names,
        "life": life,
        "role": LOC,
        "summary": LOC,
        "birth": DATE,
        "death": DATE,
        "active": DATE,
        "wikidata": NSTR,
        "viaf": NSTR,
    }
    place_fields = {
        "names": names,
        "place_kind": STR,
        "parent": REF,
        "latitude": NNUM,
        "longitude": NNUM,
        "coordinates_status": STR,
        "summary": LOC,
        "wikidata": NSTR,
        "viaf": NSTR,
    }
    event_fields = {
        "event_kind": STR,
        "title": LOC,
        "summary": LOC,
        "date": DATE,
        "date_note": LOC,
        "place": REF,
    }
    source_fields = {
        "source_kind": STR,
        "title": LOC,
        "summary": LOC,
        "author": NSTR,
        "publisher": NSTR,
        "url": NSTR,
        "language": NSTR,
        "date": DATE,
        "date_note": LOC,
        "full_text": NSTR,
    }
    collection_fields = {
        "title": LOC,
        "summary": LOC,
        "subjects": {"type": "array", "items": STR},
        "manuscripts": {"type": "array", "items": _ref("Ref")},
    }
    arr = {"type": "array", "items": {"type": "object"}}
    manuscript_fields = {
        "number": NINT,
        "cataloguing_status": {"enum": ["in_progress", "done"]},
        "collection": REF,
        "title": LOC,
        "accession_number": NSTR,
        "shelfmarks": arr,
        "summary": LOC,
        "text_languages": {"type": "array", "items": STR},
        "scripts": {"type": "array", "items": STR},
        "subjects": {"type": "array", "items": STR},
        "support": NSTR,
        "support_note": LOC,
        "folio_count": NINT,
        "extent_note": LOC,
        "dimensions": {"type": "object"},
        "layout": {"type": "object"},
        "hands": LOC,
        "scribe_name": NSTR,
        "decoration": LOC,
        "binding": LOC,
        "condition": LOC,
        "origin": _obj({"date": DATE, "place": REF, "note": LOC}),
        "contents": arr,
        "seals": arr,
        "provenance": arr,
        "pages": arr,
    }
    for name, fields in (
        ("Manuscript", manuscript_fields),
        ("Person", people_fields),
        ("Place", place_fields),
        ("Event", event_fields),
        ("Source", source_fields),
        ("Collection", collection_fields),
    ):
        schemas[name] = _obj({**base, **fields})
    return schemas


FILTER_SCHEMAS: dict[str, Any] = {
    "cataloguing_status": {"enum": [s.value for s in CataloguingStatus]},
}

SCHEMA_OF = {
    Kind.MANUSCRIPT: "Manuscript",
    Kind.PERSON: "Person",
    Kind.PLACE: "Place",
    Kind.EVENT: "Event",
    Kind.SOURCE: "Source",
    Kind.COLLECTION: "Collection",
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _paths() -> dict[str, Any]:
    error = {"description": "Error", **_json(_ref("Error"))}
    page = {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100_000},
    }
    per_page = {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    }
    paths: dict[str, Any] = {"/api/search": _search_path(error)}
    since = {
        "name": "updated_since",
        "in": "query",
        "description": "only records changed at or after this moment (ISO 8601; UTC if no zone)",
        "schema": {"type": "string", "format": "date-time"},
    }
    for kind, section in SECTIONS.items():
        noun = section.replace("_", " ")
        filters = [
            {
                "name": name,
                "in": "query",
                "description": f"only {noun} with this {name.replace('_', ' ')}",
                "schema": FILTER_SCHEMAS.get(name, STR),
            }
            for name in filter_columns(kind)
        ]
        paths[f"/api/{section}"] = {
            "get": {
                "operationId": f"list_{section}",
                "summary": f"Published {noun}, a page at a time",
                "parameters": [page, per_page, since, *filters],
                "responses": {
                    "200": {"description": f"A page of {noun}", **_json(_ref("RecordList"))},
                    "400": error,
                },
            }
        }
        paths[f"/api/{section}/{{id}}"] = {
            "get": {
                "operationId": f"get_{kind.value}",
                "summary": f"One {kind.value} by its stable id",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": STR}],
                "responses": {
                    "200": {"description": f"The {kind.value}", **_json(_ref(SCHEMA_OF[kind]))},
                    "304": {"description": "Not modified (ETag matched)"},
                    "404": error,
                },
            }
        }
    return paths


def _search_path(error: dict[str, Any]) -> dict[str, Any]:
    def param(name: str, description: str, schema: dict[str, Any], many: bool = False) -> Any:
        if many:
            schema = {"type": "array", "items": schema}
        return {"name": name, "in": "query", "description": description, "schema": schema}

    facets = [
        param(f, f"only records with this {f} (repeat for several)", STR, many=True)
        for f in ("kind", "language", "script", "century", "person", "place", "subject")
    ]
    return {
        "get": {
            "operationId": "search",
            "summary": "Full-text search across scripts and calendars",
            "description": (
                'Words, "phrases", AND / OR / NOT, field:value (name, kind, person, place, '
                "subject, language, script, century), prefix*, fuzzy~. Persian is matched "
                "however it was typed (ي/ی, ك/ک, diacritics, ZWNJ, spaced or joined compounds); "
                "names in any script. A query that cannot be read as written is searched as "
                "words, with a notice. Century values: ce18, ah12."
            ),
            "parameters": [
                param("q", "the query (empty: browse everything)", STR),
                *facets,
                param(
                    "from",
                    "first year of a span",
                    {"type": "integer", "minimum": 1, "maximum": 2999},
                ),
                param(
                    "to",
                    "last year of a span",
                    {"type": "integer", "minimum": 1, "maximum": 2999},
                ),
                param("cal", "calendar of from/to", {"enum": ["ce", "ah"], "default": "ce"}),
                param("sort", "order", {"enum": ["relevance", "date", "title"]}),
                param("page", "page number", {"type": "integer", "minimum": 1, "maximum": 10_000}),
                param(
                    "per_page", "hits per page", {"type": "integer", "minimum": 1, "maximum": 100}
                ),
                param("lang", "preferred language of titles and snippets", {"enum": list(LANGS)}),
            ],
            "responses": {
                "200": {"description": "Results", **_json(_ref("SearchResults"))},
                "400": error,
                "503": error,
            },
        }
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    """The OpenAPI document, with the server address it is served from."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Qoljazba API",
            "version": "1",
            "description": (
                "Read-only access to the published catalogue of the 27 Persian manuscripts on "
                "the Kazakh Khanate presented by Iran to Kazakhstan, and the people, places, "
                "events and sources around them. Values come in kk, ru, en and fa; each says "
                "whether a curator checked it. Dates keep their original statement and calendar."
            ),
        },
        "servers": [{"url": server_url or "/"}],
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }
