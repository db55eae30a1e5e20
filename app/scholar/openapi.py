"""The OpenAPI 3.1 document for /api (JSON Schema 2020-12 schemas; tests validate responses)."""

from __future__ import annotations

from typing import Any

from app.urls import SECTIONS
from catalogue.formats.record_json import SCHEMA_OF, record_schemas
from catalogue.formats.record_schema import INT, NSTR, STR, array, obj, ref
from catalogue.models import CataloguingStatus
from catalogue.reading.records import filter_columns

LANGS = ("kk", "ru", "en", "fa")


def _schemas() -> dict[str, Any]:
    """The records' schemas (from their JSON declarations) and those of lists, errors, search."""
    return {
        **record_schemas(),
        "RecordList": obj(
            {
                "total": INT,
                "page": INT,
                "per_page": INT,
                "pages": INT,
                "links": obj({"next": NSTR, "prev": NSTR}),
                "items": array(ref("Summary")),
            }
        ),
        "Error": obj({"error": obj({"status": INT, "message": STR})}),
        "SearchResults": obj(
            {
                "total": INT,
                "page": INT,
                "per_page": INT,
                "pages": INT,
                "notices": array(STR),
                "hits": array(
                    obj(
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
                    )
                ),
                "facets": {
                    "type": "object",
                    "additionalProperties": array(obj({"value": STR, "count": INT})),
                },
            }
        ),
    }


FILTER_SCHEMAS: dict[str, Any] = {
    "cataloguing_status": {"enum": [s.value for s in CataloguingStatus]},
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _paths() -> dict[str, Any]:
    error = {"description": "Error", **_json(ref("Error"))}
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
                    "200": {"description": f"A page of {noun}", **_json(ref("RecordList"))},
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
                    "200": {"description": f"The {kind.value}", **_json(ref(SCHEMA_OF[kind]))},
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
                    "first year of a span (a span whose end is before its start is a 400)",
                    {"type": "integer", "minimum": 1, "maximum": 2999},
                ),
                param(
                    "to",
                    "last year of a span, not before from (a 400 otherwise)",
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
                "200": {"description": "Results", **_json(ref("SearchResults"))},
                "400": {
                    **error,
                    "description": (
                        "A parameter outside its schema, or a span of years whose end (to) "
                        "is before its start (from)"
                    ),
                },
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
