"""CSV/XLSX import: control characters cleaned at the way in; sheets that expand refused."""

from __future__ import annotations

import csv
import io
import itertools
import re
import time
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.db import Database
from catalogue.editing.saving import find, record_form
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.reader import TableError, read_csv, read_xlsx, run_import, targets
from catalogue.language.messages import Message

CONTROL = st.sampled_from(
    [chr(c) for c in range(0x20) if c != 0x0A] + ["\x85", "\x9b", "\u2028", "\u2029", "\r\n"]
)
TYPED = st.lists(
    st.one_of(CONTROL, st.sampled_from(["fa", "1150 AH", "12", "Тәуке", "توکه", "x y"])),
    min_size=1,
    max_size=6,
).map("".join)
NOT_STORED = {chr(c) for c in range(0x20)} - {"\t", "\n"} | {chr(c) for c in range(0x7F, 0xA0)}
NOT_STORED |= {"\u2028", "\u2029"}
_numbers = itertools.count()
_PLACE_KIND = next(f for f in SECTIONS["places"].fields if f.name == "place_kind").choices[0]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(section=st.sampled_from(["manuscripts", "people", "places"]), data=st.data())
def test_control_characters_in_any_column_never_reach_the_catalogue(
    db: Database, section: str, data: st.DataObject
) -> None:
    column = data.draw(st.sampled_from([t for t in targets(section) if t != "slug"]))
    typed = data.draw(TYPED)
    slug = f"rec-{next(_numbers)}"
    needed = {"manuscripts": ("title.en", "T\x0bitle"), "places": ("place_kind", _PLACE_KIND)}
    other, value = needed.get(section, ("summary.en", "S\u2028ummary"))
    if column == other:
        other, value = "slug", slug  # the column itself is the needed one
    table = read_csv(_csv([["slug", column, other], [slug, typed, value]]))
    mapping = {0: "slug", 1: column} | ({2: other} if other != "slug" else {})
    report = run_import(db, section, table, mapping, dry_run=False)
    if not report.written:
        return  # the value made no sense for that field: refused, nothing stored
    with db.read() as session:
        record = find(session, SECTIONS[section].model, slug)
        assert record is not None
        for key, value in record_form(record, section).items():
            assert not set(value) & NOT_STORED, (column, key, value)


def _sheet(far: str, dimension: bytes | None = None) -> bytes:
    """A small workbook with one cell far out; its declared dimension replaced if given."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["B1"], sheet["A2"], sheet[far] = "slug", "title.en", "ms-x", "far"
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"/>', dimension, body)
            target.writestr(info.filename, body)
    return out.getvalue()


@pytest.mark.parametrize(
    ("far", "dimension"),
    [
        ("XFD1048576", None),  # declared A1:XFD1048576: refused before reading a row
        ("XFD1048576", b'<dimension ref="A1:B2"/>'),  # a declared size that lies
        ("XFD1048576", b""),  # no declared size
        ("A1048576", b""),
        ("GS3", b""),  # column 201
    ],
)
def test_a_sheet_that_expands_is_refused_quickly(far: str, dimension: bytes | None) -> None:
    # 4.8 KB with one cell at XFD1048576 cost 2.9 GB and 39 s.
    data = _sheet(far, dimension)
    assert len(data) < 10_000
    started = time.monotonic()
    with pytest.raises(TableError, match="a sheet may have at most") as refused:
        read_xlsx(data)
    assert time.monotonic() - started < 10
    assert isinstance(refused.value.message, Message)


def test_blank_rows_and_columns_within_bounds_are_read_as_before() -> None:
    table = read_xlsx(_sheet("B39999", b""))
    assert table.headers == ["slug", "title.en"]
    assert table.rows == [["ms-x", ""], ["", "far"]]
