"""A section's records as CSV in the import's columns: drafts included, oldest first, no live
formula, and importable back unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.editing.saving import save
from catalogue.formats.table.reader import guess_mapping, read_csv, run_import, targets
from catalogue.formats.table.writer import export_csv, safe_cell
from catalogue.transaction import transaction


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),  # a full-width equals sign too
        ("Tauke", "Tauke"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_is_made_text(cell: str, shown: str) -> None:
    assert safe_cell(cell) == shown


def test_the_columns_are_the_imports_and_every_record_a_row(session: Session) -> None:
    save(
        session,
        "people",
        None,
        {
            "slug": "first",
            "names-0.text": "Tauke",
            "names-0.lang": "en",
            "names-0.script": "Latn",
            "birth": "1635",
        },
    )
    save(
        session,
        "people",
        None,
        {"slug": "second", "state": "published", "summary.en": '=HYPERLINK("http://x")'},
    )
    text = export_csv(session, "people")
    assert text.endswith("\r\n")
    header = next(csv.reader(io.StringIO(text)))
    assert header == targets("people") and header[0] == "slug" and "names.en" in header
    rows = _rows(text)
    assert [r["slug"] for r in rows] == ["first", "second"]  # oldest first
    assert rows[0]["state"] == "draft" and rows[0]["names.en"] == "Tauke"
    assert rows[0]["birth"] == "1635"
    assert rows[1]["summary.en"] == '\'=HYPERLINK("http://x")'


def test_an_empty_section_is_its_header_alone(session: Session) -> None:
    assert _rows(export_csv(session, "places")) == []
    assert export_csv(session, "places").count("\r\n") == 1


def test_an_export_imports_back_unchanged(db: Database) -> None:
    with transaction(db) as session:
        save(
            session,
            "places",
            None,
            {
                "slug": "yasy",
                "place_kind": "city",
                "names-0.text": "Yasy",
                "names-0.lang": "en",
                "names-0.script": "Latn",
                "names-0.preferred": "1",  # a cell's first variant is read as preferred
                "latitude": "43.3",
            },
        )
        save(
            session,
            "places",
            None,
            {"slug": "turkistan", "place_kind": "city", "parent": "yasy", "summary.ru": "Город"},
        )
    with db.read() as session:
        exported = export_csv(session, "places")
    table = read_csv(exported.encode("utf-8"))
    report = run_import(db, "places", table, guess_mapping("places", table.headers), dry_run=True)
    assert [(r.slug, r.action, r.changed) for r in report.rows] == [
        ("yasy", "unchanged", []),
        ("turkistan", "unchanged", []),
    ]
