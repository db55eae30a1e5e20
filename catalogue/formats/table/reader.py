"""Bulk import from CSV and XLSX: a column mapping, a dry run reported row by row, all or nothing.

Rows go through the same checks as the curator's forms (`catalogue.editing`). An import runs
in one write transaction; a dry run, or any row in error, rolls the whole of it back.
TEI msDesc files have their own importer (`catalogue.formats.tei.reader`), reached by extension.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.editing.fields import form_keys
from catalogue.editing.saving import Refused, find, record_form, save
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.name_columns import from_columns, name_columns
from catalogue.language.characters import clean_text
from catalogue.language.messages import Explained, Message
from catalogue.models.entity import SLUG
from catalogue.transaction import transaction

MAX_ROWS = 20_000
MAX_CELL = 20_000
# A sheet's rows and columns as they lie, blank ones included: a 4.8 KB XLSX with one cell at
# XFD1048576 made openpyxl hand over a billion empty cells (2.9 GB, 39 s).
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_UNZIPPED = 50 * 1024 * 1024  # an XLSX that inflates beyond this is refused (zip bombs)
MAX_RATIO = 200  # nor one whose parts are compressed more than this
TOP_STATUS = re.compile(r"^[a-z_]+\.(kk|ru|en|fa)\.status$")  # a record field's review status


class TableError(Explained):
    """A file that cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class Table:
    """The file's header row and its rows as text."""

    headers: list[str]
    rows: list[list[str]]


@dataclass
class RowReport:
    """What happened (or would happen) to one row: create, update, unchanged or error."""

    number: int  # as in the file, the header being row 1
    slug: str
    action: str
    errors: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    # The record's version when checked ("new": to be created); the TEI import refuses a
    # record whose version is no longer this one (someone saved it after the dry run).
    version: str = ""


@dataclass
class ImportReport:
    """Every row's report; `written` is true only when the import was committed."""

    rows: list[RowReport]
    written: bool = False

    @property
    def errors(self) -> list[RowReport]:
        """The rows in error."""
        return [r for r in self.rows if r.action == "error"]

    def count(self, action: str) -> int:
        """How many rows have this action."""
        return sum(1 for r in self.rows if r.action == action)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if len(text) > MAX_CELL:
        raise TableError(f"a cell holds more than {MAX_CELL} characters")
    # Line breaks kept (Word's U+000B among them): the form's rule reads each field's own way.
    return clean_text(text, multiline=True).strip()


def read_csv(data: bytes) -> Table:
    """A CSV file (UTF-8, with or without BOM; comma, semicolon or tab separated)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError("the CSV file is not UTF-8 text; save it as “CSV UTF-8”") from None
    sample = text[:4096]
    delimiter = max([",", ";", "\t"], key=sample.count)
    try:
        rows = [
            [_cell(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise TableError(f"the CSV file cannot be read: {error}") from None
    return _table(rows)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TableError("this is not an XLSX workbook") from None
    with archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNZIPPED or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
                raise TableError("the workbook inflates to far more than its size; refused")


def read_xlsx(data: bytes) -> Table:
    """The first sheet of an XLSX workbook (XML parsed by defusedxml: no entity expansion)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _check_zip(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise TableError(f"the workbook cannot be read: {error}") from None
    except Exception as error:  # defusedxml's refusals (entities, DTDs) and XML errors
        raise TableError(f"the workbook was refused: {type(error).__name__}") from None
    try:
        rows = _sheet_rows(book.worksheets[0])
    finally:
        book.close()
    return _table(rows)


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """The sheet's non-empty rows, refused by its declared size and again while streaming."""
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > MAX_SHEET_ROWS or declared_columns > MAX_COLUMNS:
        raise _too_big(declared_rows, declared_columns)
    rows: list[list[str]] = []
    cells = 0
    # Bounded explicitly: openpyxl pads each row to its last cell and every gap with empty
    # rows, and a declared size may be missing or wrong.
    for number, row in enumerate(
        sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=True),
        start=1,
    ):
        if number > MAX_SHEET_ROWS:
            filled = [n for n, c in enumerate(row, start=1) if c is not None]
            raise _too_big(number, max(filled, default=1))
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
            raise _too_big(number, MAX_COLUMNS + 1)
        cells += sum(1 for c in row if c is not None)
        if cells > MAX_CELLS:
            raise TableError(
                Message("the sheet holds more than %(count)s filled cells", count=f"{MAX_CELLS:,}")
            )
        if any(c is not None and c != "" for c in row):
            cells_read = [_cell(c) for c in row[:MAX_COLUMNS]]
            while cells_read and not cells_read[-1]:
                cells_read.pop()  # the padding up to the widest row
            rows.append(cells_read)
            if len(rows) > MAX_ROWS + 1:
                break
    return rows


def _too_big(rows: int, columns: int) -> TableError:
    return TableError(
        Message(
            "the sheet reaches row %(rows)s and column %(columns)s; a sheet may have at most "
            "%(max_rows)s rows and %(max_columns)s columns (delete the rows and columns "
            "beyond its data, or save only the data as a new sheet)",
            rows=f"{rows:,}",
            columns=f"{columns:,}",
            max_rows=f"{MAX_SHEET_ROWS:,}",
            max_columns=MAX_COLUMNS,
        )
    )


def _table(rows: list[list[str]]) -> Table:
    rows = [r for r in rows if any(r)]
    if not rows:
        raise TableError("the file is empty")
    if len(rows) > MAX_ROWS + 1:
        raise TableError(f"at most {MAX_ROWS} rows at a time")
    headers = rows[0]
    width = len(headers)
    return Table(headers, [(r + [""] * width)[:width] for r in rows[1:]])


def read_table(filename: str, data: bytes) -> Table:
    """Read an uploaded table by its extension (.csv or .xlsx)."""
    name = filename.lower()
    if name.endswith(".csv"):
        return read_csv(data)
    if name.endswith(".xlsx"):
        return read_xlsx(data)
    raise TableError("send a .csv or .xlsx file")


def targets(section: str) -> list[str]:
    """The fields a column can be mapped to (slug first; name variants per language)."""
    keys = ["slug"]
    for f in SECTIONS[section].fields:
        keys.extend(form_keys(f))
    if any(part.attr == "names" for part in SECTIONS[section].parts):
        keys.extend(name_columns())
    return keys


def guess_mapping(section: str, headers: list[str]) -> dict[int, str]:
    """Columns whose header names a field (case and spaces aside) are mapped to it."""
    known = {key.lower().replace(" ", ""): key for key in targets(section)}
    found: dict[int, str] = {}
    for n, header in enumerate(headers):
        key = known.get(header.lower().replace(" ", ""))
        if key and key not in found.values():
            found[n] = key
    return found


def changed_fields(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """The form inputs a save changed (a review status only where its text stayed the same:
    a changed text needs review again, which goes without saying)."""
    changed = [k for k in after if k != "version" and after[k] != before.get(k)]
    implied = {f"{k}.status" for k in changed} | {
        f"{k.removesuffix('.text')}.status" for k in changed if k.endswith(".text")
    }
    return [k for k in changed if k not in implied]


class _Rollback(Exception):
    pass


def _import_rows(
    session: Session, section: str, table: Table, mapping: Mapping[int, str]
) -> list[RowReport]:
    model = SECTIONS[section].model
    reports: list[RowReport] = []
    seen: set[str] = set()
    for n, row in enumerate(table.rows, start=2):
        typed = {key: row[col] for col, key in mapping.items() if col < len(row)}
        slug = typed.get("slug", "").strip().lower()
        report = RowReport(n, slug, "create")
        reports.append(report)
        if not SLUG.match(slug):
            report.action, report.errors = (
                "error",
                {"slug": Message("2–80 lowercase latin letters, digits and hyphens")},
            )
            continue
        if slug in seen:
            report.action, report.errors = (
                "error",
                {"slug": Message("this identifier is on an earlier row too")},
            )
            continue
        seen.add(slug)
        existing = find(session, model, slug)
        if existing is not None:
            before = record_form(existing, section)
            # Columns not in the file keep their values; the row updates what it names. The
            # review statuses are left out: a text the file changes needs review again, one it
            # leaves as it was keeps its status (fields.from_form).
            kept = {k: v for k, v in before.items() if not TOP_STATUS.match(k)}
            typed = {**kept, **typed, "version": str(existing.version)}
            report.action = "update"
        typed = from_columns(typed)
        try:
            with session.begin_nested():
                record = save(session, section, slug if existing else None, typed)
        except Refused as refused:
            report.action, report.errors = "error", refused.errors
            continue
        if existing is not None:
            after = record_form(record, section)
            report.changed = changed_fields(before, after)
            if not report.changed:
                report.action = "unchanged"
    return reports


def run_import(
    db: Database,
    section: str,
    table: Table,
    mapping: Mapping[int, str],
    *,
    dry_run: bool,
    actor: Actor | None = None,
) -> ImportReport:
    """Check every row, and write them all in one transaction unless dry or any row is wrong."""
    if "slug" not in mapping.values():
        raise TableError("map one column to “slug”: it names the record each row is for")
    if dry_run:  # checked on a scratch copy: the write lock is not held while rows are tried
        with db.scratch() as session:
            return ImportReport(_import_rows(session, section, table, mapping), written=False)
    reports: list[RowReport] = []
    try:
        with transaction(db, actor) as session:
            reports = _import_rows(session, section, table, mapping)
            if dry_run or any(r.action == "error" for r in reports):
                raise _Rollback
    except _Rollback:
        return ImportReport(reports, written=False)
    return ImportReport(reports, written=True)
