"""Name variants as one column per language: read from a record's rows, written back as rows
that keep what the record knew of each variant, and round-tripped."""

from __future__ import annotations

from catalogue.formats.table.name_columns import (
    NAME_SCRIPTS,
    from_columns,
    known_variant,
    name_columns,
    to_columns,
    variants,
)

ROWS = {
    "slug": "tauke",
    "names-0.text": "Tauke Khan",
    "names-0.lang": "en",
    "names-0.script": "Latn",
    "names-1.text": "Тәуке",
    "names-1.lang": "kk",
    "names-1.script": "Cyrl",
    "names-2.text": "Тәуке хан",
    "names-2.lang": "kk",
    "names-2.script": "Cyrl",
    "names-2.preferred": "1",
    "names-2.status": "checked",
    "names-2.note": "as the chronicle writes it",
    "names-3.text": "   ",  # an empty row is no variant
    "names-3.lang": "ru",
    "names-4.text": "Tevke",
    "names-4.lang": "de",
}


def test_the_columns_are_one_per_language() -> None:
    assert name_columns() == ["names.kk", "names.ru", "names.en", "names.fa", "names.ar"]
    assert set(NAME_SCRIPTS) == {"kk", "ru", "en", "fa", "ar"}


def test_variants_are_read_in_row_order_without_empty_rows() -> None:
    found = variants(ROWS)
    assert [v["text"] for v in found] == ["Tauke Khan", "Тәуке", "Тәуке хан", "Tevke"]
    assert found[2]["status"] == "checked"
    assert known_variant(found, "kk", "Тәуке хан") is found[2]
    assert known_variant(found, "ru", "Тәуке хан") is None


def test_a_cell_holds_a_languages_variants_the_preferred_first() -> None:
    assert to_columns(ROWS) == {
        "names.kk": "Тәуке хан | Тәуке",
        "names.ru": "",
        "names.en": "Tauke Khan",
        "names.fa": "",
        "names.ar": "",
    }  # a language without a column (de) is not in any


def test_columns_become_rows_keeping_what_the_record_knew() -> None:
    typed = {**ROWS, "names.kk": " Тәуке хан |Тәуке ханы| ", "names.fa": "توکه خان"}
    out = from_columns(typed)
    assert "names.kk" not in out and out["slug"] == "tauke"
    rows = variants(out)
    # Languages without a column keep their rows (en, de), then each column's, in order.
    assert [(v["lang"], v["text"]) for v in rows] == [
        ("en", "Tauke Khan"),
        ("de", "Tevke"),
        ("kk", "Тәуке хан"),
        ("kk", "Тәуке ханы"),
        ("fa", "توکه خان"),
    ]
    kept, new, persian = rows[2], rows[3], rows[4]
    assert kept["preferred"] == "1" and kept["status"] == "checked"
    assert kept["note"] == "as the chronicle writes it"
    assert new["preferred"] == "" and "status" not in new and new["script"] == "Cyrl"
    assert persian["script"] == "Arab" and persian["preferred"] == "1"


def test_an_empty_cell_removes_that_languages_variants() -> None:
    out = from_columns({**ROWS, "names.kk": ""})
    assert [v["lang"] for v in variants(out)] == ["en", "de"]


def test_without_name_columns_the_values_are_left_as_they_are() -> None:
    assert from_columns(ROWS) == ROWS
    assert from_columns(ROWS) is not ROWS


def test_columns_written_then_read_give_the_same_names() -> None:
    once = from_columns({**ROWS, **to_columns(ROWS)})
    twice = from_columns({**once, **to_columns(once)})
    assert variants(once) == variants(twice)
    assert to_columns(once) == to_columns(ROWS)
