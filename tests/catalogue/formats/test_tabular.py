"""CSV, Dublin Core and JSON of any list of records; CSV cells never run as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from catalogue.formats.table.writer import export_csv
from catalogue.formats.tabular import CSV_COLUMNS, records_csv, safe_cell
from catalogue.language.localized import LocalizedText
from catalogue.models import Kind, Manuscript


def url(kind: Kind, slug: str) -> str:
    return f"https://example.org/{kind.value}/{slug}"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\n=1+1", "'\n=1+1"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("plain", "plain"),
        ("تاریخ", "تاریخ"),
        ("", ""),
    ],
)
def test_formula_like_cells_are_prefixed(value: str, safe: str) -> None:
    assert safe_cell(value) == safe


@pytest.mark.parametrize("start", ["=", "\uff1d", "\uff0b", "\uff0d", "\uff20"])
def test_the_public_and_the_curators_csv_guard_alike(
    session: Session, make_manuscript: Callable[..., Manuscript], start: str
) -> None:
    record = make_manuscript(slug="ms-f", title=LocalizedText({"en": start + "cmd|' /C calc'!A0"}))
    public = next(csv.DictReader(io.StringIO(records_csv([record], url))))["title_en"]
    curators = [
        c for row in csv.reader(io.StringIO(export_csv(session, "manuscripts"))) for c in row
    ]
    assert public == "'" + start + "cmd|' /C calc'!A0"
    assert public in curators


def test_csv_has_a_row_per_record_and_no_live_formula(
    make_manuscript: Callable[..., Manuscript],
) -> None:
    record = make_manuscript(
        slug="ms-x", title=LocalizedText({"en": "=cmd|' /C calc'!A0", "fa": "نسخه"})
    )
    text = records_csv([record], url)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert rows[0]["title_en"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["title_fa"] == "نسخه"
    assert rows[0]["url"] == "https://example.org/manuscript/ms-x"
