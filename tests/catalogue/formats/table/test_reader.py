"""Tables of records imported directly: read (CSV, XLSX), columns mapped, every row checked, all
written in one transaction or none."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import select

from catalogue.db import Database
from catalogue.formats.table.reader import (
    MAX_ROWS,
    Table,
    TableError,
    changed_fields,
    guess_mapping,
    read_csv,
    read_table,
    read_xlsx,
    run_import,
    targets,
)
from catalogue.models import Place
from tests.conftest import table_counts


def test_csv_in_utf8_with_any_usual_separator() -> None:
    for text in (
        "slug,state\r\na, draft \r\n",
        "\ufeffslug;state\na;draft",
        "slug\tstate\na\tdraft",
    ):
        table = read_csv(text.encode("utf-8"))
        assert table == Table(["slug", "state"], [["a", "draft"]]), text


def test_short_rows_are_padded_long_ones_cut_and_empty_ones_dropped() -> None:
    table = read_csv(b"slug,state\na\n,\nb,draft,extra\n")
    assert table.rows == [["a", ""], ["b", "draft"]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("slug\nt\u00e4uke".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b",,\n,,\n", "empty"),
        (b"slug\n" + b"x" * 20_001 + b"\n", "more than 20000"),
        (b"slug\n" + b"a\n" * (MAX_ROWS + 1), "at most"),
    ],
)
def test_a_csv_that_cannot_be_imported_says_why(data: bytes, message: str) -> None:
    with pytest.raises(TableError, match=message):
        read_csv(data)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_reads_the_first_sheet_as_text() -> None:
    table = read_xlsx(_xlsx([["slug", "number"], ["ms-1", 7], [None, None]]))
    assert table == Table(["slug", "number"], [["ms-1", "7"]])
    assert read_table("Book.XLSX", _xlsx([["slug"], ["a"]])).rows == [["a"]]
    assert read_table("list.csv", b"slug\na\n").rows == [["a"]]
    with pytest.raises(TableError, match=r"\.csv or \.xlsx"):
        read_table("list.ods", b"")
    with pytest.raises(TableError, match="not an XLSX"):
        read_xlsx(b"slug\na\n")


def test_targets_are_the_slug_the_fields_and_the_name_columns() -> None:
    people = targets("people")
    assert people[0] == "slug" and "summary.en" in people and "names.kk" in people
    assert "birth" in people and "state" in people
    assert not any(t.startswith("names.") for t in targets("exhibits"))


def test_columns_are_mapped_by_their_header_case_and_spaces_aside() -> None:
    mapping = guess_mapping("people", ["Slug", "Summary. EN", "unknown", "slug", "names.fa"])
    assert mapping == {0: "slug", 1: "summary.en", 4: "names.fa"}  # the first slug column


def test_changed_fields_leave_out_statuses_that_go_with_a_changed_text() -> None:
    before = {"version": "1", "title.en": "A", "title.en.status": "checked", "x.status": "review"}
    after = {"version": "2", "title.en": "B", "title.en.status": "review", "x.status": "checked"}
    assert changed_fields(before, after) == ["title.en", "x.status"]
    names = {"names-0.text": "B", "names-0.status": "review"}
    assert changed_fields({"names-0.text": "A"}, names) == ["names-0.text"]


def _table(*rows: list[str]) -> Table:
    return Table(["slug", "place_kind", "names.en", "latitude"], [list(r) for r in rows])


def _run(db: Database, table: Table, *, dry_run: bool) -> list[tuple[str, str]]:
    report = run_import(
        db, "places", table, guess_mapping("places", table.headers), dry_run=dry_run
    )
    return [(row.slug, row.action) for row in report.rows]


def test_a_dry_run_reports_every_row_and_writes_nothing(db: Database) -> None:
    before = table_counts(db)
    table = _table(["yasy", "city", "Yasy", "43.3"], ["turkistan", "city", "", ""])
    assert _run(db, table, dry_run=True) == [("yasy", "create"), ("turkistan", "create")]
    assert table_counts(db) == before


def test_an_import_creates_then_updates_and_leaves_columns_it_lacks(db: Database) -> None:
    table = _table(["Yasy", "city", "Yasy | Hazrat-e Turkestan", "43.3"])
    report = run_import(db, "places", table, guess_mapping("places", table.headers), dry_run=False)
    assert report.written and [(r.slug, r.action) for r in report.rows] == [("yasy", "create")]
    update = Table(["slug", "latitude"], [["yasy", "43.29"], ["yasy-2", ""]])
    report = run_import(db, "places", update, {0: "slug", 1: "latitude"}, dry_run=False)
    first = report.rows[0]
    assert (first.slug, first.action, first.errors) == ("yasy", "update", {})
    assert report.rows[0].changed == ["latitude"]
    assert report.rows[1].action == "error" and "place_kind" in report.rows[1].errors
    assert not report.written  # one row in error: nothing written
    with db.read() as session:
        place = session.scalar(select(Place).where(Place.slug == "yasy"))
        assert place is not None and place.latitude == 43.3
        assert [n.text for n in place.names] == ["Yasy", "Hazrat-e Turkestan"]
    again = _table(["yasy", "city", "Yasy | Hazrat-e Turkestan", "43.3"])
    assert _run(db, again, dry_run=False) == [("yasy", "unchanged")]


def test_bad_and_repeated_identifiers_are_errors(db: Database) -> None:
    table = _table(
        ["", "city", "", ""],
        ["a b", "city", "", ""],
        ["ok", "city", "", ""],
        ["OK", "city", "", ""],
    )
    report = run_import(db, "places", table, guess_mapping("places", table.headers), dry_run=False)
    assert [(r.number, r.action) for r in report.rows] == [
        (2, "error"),
        (3, "error"),
        (4, "create"),
        (5, "error"),
    ]
    assert "earlier row" in report.rows[3].errors["slug"]
    assert len(report.errors) == 3 and report.count("create") == 1 and not report.written
    with db.read() as session:
        assert session.scalars(select(Place)).all() == []


def test_a_table_without_a_slug_column_is_refused(db: Database) -> None:
    with pytest.raises(TableError, match="slug"):
        run_import(db, "places", _table(), {1: "place_kind"}, dry_run=True)
