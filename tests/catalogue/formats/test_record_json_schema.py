"""A record's API JSON and its schema, both from one declaration per kind, agree exactly."""

from typing import Any

import pytest
from sqlalchemy import select

from catalogue.db import Database
from catalogue.formats.record_json import (
    SCHEMA_OF,
    record_json,
    record_schemas,
    summary_json,
)
from catalogue.models import Entity, Kind

SCHEMAS = record_schemas()


def _url(kind: Kind, slug: str) -> str:
    return f"/{kind.value}/{slug}"


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return _resolve(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    return schema


def _undescribed(instance: Any, schema: dict[str, Any], path: str) -> list[str]:
    """Where the JSON and its schema disagree on the properties of an object (both ways)."""
    schema = _resolve(schema)
    if "anyOf" in schema:
        if instance is None:
            return []
        schema = _resolve(next(s for s in schema["anyOf"] if s != {"type": "null"}))
    found: list[str] = []
    if isinstance(instance, dict) and "properties" in schema:
        described = set(schema["properties"])
        found += [f"{path}.{k}: not in the schema" for k in set(instance) - described]
        needed = set(schema.get("required", ()))  # a localized text's languages are optional
        found += [f"{path}.{k}: not in the JSON" for k in needed - set(instance)]
        for key in set(instance) & described:
            found += _undescribed(instance[key], schema["properties"][key], f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            found += _undescribed(item, schema["items"], f"{path}[{i}]")
    return found


@pytest.mark.parametrize("kind", list(SCHEMA_OF), ids=lambda k: k.value)
def test_every_property_of_a_shipped_record_is_described_and_vice_versa(
    shipped_db: Database, kind: Kind
) -> None:
    with shipped_db.read() as session:
        records = session.scalars(select(Entity).where(Entity.kind == kind)).all()
        assert records, kind
        for record in records:
            full = record_json(session, record, _url)
            assert _undescribed(full, {"$ref": f"#/{SCHEMA_OF[kind]}"}, record.slug) == []
            short = summary_json(record, _url)
            summary = SCHEMAS["Summary"]
            assert set(short) <= set(summary["properties"]), record.slug
            assert set(summary["required"]) <= set(short), record.slug
            for key, value in short.items():
                assert _undescribed(value, summary["properties"][key], key) == [], record.slug


def test_a_record_schema_requires_every_property_it_describes() -> None:
    for name in SCHEMA_OF.values():
        assert SCHEMAS[name]["required"] == list(SCHEMAS[name]["properties"]), name


def test_nested_rows_are_described_too() -> None:
    rows = SCHEMAS["Manuscript"]["properties"]["seals"]["items"]
    assert rows["additionalProperties"] is False
    assert "legend_translation" in rows["properties"]
