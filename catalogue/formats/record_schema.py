"""JSON Schema (2020-12) pieces for the API's JSON: the value types the record declarations use.

The records' own schemas are built from their declarations (`record_json.record_schemas`);
what is here describes the values they are made of: localized texts and historical dates.
"""

from __future__ import annotations

from typing import Any

from catalogue.language.localized import LANGUAGES, Status
from catalogue.models import Kind

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    """A reference to one of the document's component schemas."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """The schema, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict[str, Any], *, required: list[str] | None = None) -> Schema:
    """An object with exactly these properties (all required unless told otherwise)."""
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


def array(items: Schema) -> Schema:
    """A list of items of one schema."""
    return {"type": "array", "items": items}


STR: Schema = {"type": "string"}
NSTR: Schema = {"type": ["string", "null"]}
INT: Schema = {"type": "integer"}
NINT: Schema = {"type": ["integer", "null"]}
NNUM: Schema = {"type": ["number", "null"]}
BOOL: Schema = {"type": "boolean"}
STATUS: Schema = {"enum": [s.value for s in Status]}
KIND: Schema = {"enum": [k.value for k in Kind]}
LOC = ref("Localized")
DATE = nullable(ref("HistoricalDate"))


def value_schemas() -> dict[str, Schema]:
    """The component schemas of the values: a localized text and a historical date."""
    return {
        "LocalizedValue": obj({"text": STR, "status": STATUS}),
        "Localized": {
            "type": "object",
            "description": "A value per interface language; each says whether it was checked.",
            "properties": {lang: ref("LocalizedValue") for lang in LANGUAGES},
            "additionalProperties": False,
        },
        "HistoricalDate": obj(
            {
                "statement": STR,
                "calendar": {"enum": ["hijri", "persian", "julian", "gregorian"]},
                "precision": {"enum": ["exact", "circa", "before", "after", "range", "century"]},
                "earliest": NSTR,
                "latest": NSTR,
                "display": obj({"gregorian": STR, "hijri": STR}),
            }
        ),
    }
