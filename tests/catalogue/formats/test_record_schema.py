"""The JSON Schema building blocks: what they accept, what they refuse, and that the value
schemas describe exactly what the catalogue's localized texts and dates serialise to."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from catalogue.dates.calendars import Calendar, Precision
from catalogue.dates.parser import parse
from catalogue.formats.record_json import date_json
from catalogue.formats.record_schema import (
    DATE,
    INT,
    KIND,
    LOC,
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
from catalogue.language.localized import LANGUAGES, LocalizedText, LocalizedValue, Status
from catalogue.models import Kind


def _valid(schema: Schema, instance: Any) -> bool:
    document = {"components": {"schemas": value_schemas()}}
    registry = Registry().with_resource("urn:doc", DRAFT202012.create_resource(document))
    wrapped = {"$id": "urn:doc", **document, "$ref": "#/$defs/it", "$defs": {"it": schema}}
    validator = Draft202012Validator(wrapped, registry=registry)
    Draft202012Validator.check_schema(wrapped)
    return bool(validator.is_valid(instance))


def test_ref_points_into_the_components() -> None:
    assert ref("Localized") == {"$ref": "#/components/schemas/Localized"}


def test_obj_requires_every_property_and_refuses_others_by_default() -> None:
    schema = obj({"a": STR, "b": INT})
    assert _valid(schema, {"a": "x", "b": 1})
    assert not _valid(schema, {"a": "x"})
    assert not _valid(schema, {"a": "x", "b": 1, "c": 2})
    assert not _valid(schema, {"a": "x", "b": "1"})


def test_obj_can_make_properties_optional() -> None:
    schema = obj({"a": STR, "b": INT}, required=["a"])
    assert _valid(schema, {"a": "x"})
    assert not _valid(schema, {"b": 1})
    assert obj({"a": STR}, required=[])["required"] == []


def test_nullable_and_array() -> None:
    assert _valid(nullable(INT), None) and _valid(nullable(INT), 3)
    assert not _valid(nullable(INT), "3")
    assert _valid(array(STR), []) and _valid(array(STR), ["a", "b"])
    assert not _valid(array(STR), ["a", 1])
    assert _valid(NSTR, None) and not _valid(STR, None)


def test_enums_follow_the_python_enums() -> None:
    assert _valid(STATUS, Status.CHECKED.value) and not _valid(STATUS, "approved")
    assert all(_valid(KIND, kind.value) for kind in Kind)
    assert not _valid(KIND, "exhibit")
    date = value_schemas()["HistoricalDate"]["properties"]
    assert date["calendar"]["enum"] == [c.value for c in Calendar]
    assert date["precision"]["enum"] == [p.value for p in Precision]


def test_a_localized_text_as_the_catalogue_writes_it_is_valid() -> None:
    text = LocalizedText({"kk": "Жарлық", "fa": LocalizedValue("فرمان", Status.CHECKED)})
    assert _valid(LOC, text.to_json())
    assert _valid(LOC, LocalizedText().to_json())
    assert set(value_schemas()["Localized"]["properties"]) == set(LANGUAGES)


@pytest.mark.parametrize(
    "instance",
    [
        {"ar": {"text": "x", "status": "review"}},  # not an interface language
        {"en": {"text": "x"}},  # no status
        {"en": {"text": "x", "status": "review", "note": ""}},
        {"en": "x"},
    ],
)
def test_a_localized_text_of_another_shape_is_refused(instance: Any) -> None:
    assert not _valid(LOC, instance)


@pytest.mark.parametrize(
    "statement", ["1145 AH", "c. 1750", "1736-1747", "before 1800", "18th century"]
)
def test_a_historical_date_as_the_catalogue_writes_it_is_valid(statement: str) -> None:
    assert _valid(DATE, date_json(parse(statement)))


def test_a_missing_date_is_null_and_a_bare_date_needs_its_display() -> None:
    assert _valid(DATE, None)
    assert not _valid(DATE, parse("1834").to_dict())  # no "display"
