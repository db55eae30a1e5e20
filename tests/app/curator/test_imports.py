"""Bulk import: a dry run reports every row before anything is written; all or nothing."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, cast

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from catalogue.db import Database
from catalogue.editing.saving import save
from catalogue.formats.table import reader as table
from tests.app.curator.conftest import csrf_of, login_while
from tests.conftest import write_lock_free

GOOD = "slug,title.en,title.fa,origin_date,folio_count\n"


def _upload(
    client: FlaskClient, name: str, data: bytes, section: str = "manuscripts"
) -> TestResponse:
    form = {
        "csrf_token": csrf_of(client, "/curator/"),
        "section": section,
        "file": (io.BytesIO(data), name),
    }
    return client.post("/curator/import", data=form, content_type="multipart/form-data")


def _run(client: FlaskClient, page: str, go: str) -> TestResponse:
    action = re.search(r'action="(/curator/import/[0-9a-f]{32})"', page)
    assert action
    form = {"csrf_token": csrf_of(client, "/curator/"), "section": "manuscripts", "go": go}
    for n, key in re.findall(
        r'name="column-(\d+)">.*?<option value="([^"]*)" selected', page, re.S
    ):
        form[f"column-{n}"] = key
    for name, value in re.findall(r'name="(version-[^"]+)" value="([^"]*)"', page):
        form[name] = value  # a TEI dry run's record versions
    return client.post(action.group(1), data=form)


def test_two_bad_rows_are_reported_then_fixed_and_imported(curator_client: FlaskClient) -> None:
    bad = (
        GOOD
        + "ms-1,First,نخست,1150 AH,10\nms-2,Second,,32 Rajab 1148,5\n"
        + "Bad Slug,Third,,,\nms-4,Fourth,,,x\n"
    )
    dry = _upload(curator_client, "list.csv", bad.encode())
    page = dry.get_data(as_text=True)
    assert dry.status_code == 400 and "Nothing was written: 3 rows" in page
    assert re.search(r"<td>3</td>.*?error.*?origin_date", page, re.S)  # row 3: the bad date
    assert "lowercase" in page and "whole number" in page
    assert curator_client.get("/curator/manuscripts/ms-1").status_code == 404
    fixed = (
        GOOD
        + "ms-1,First,نخست,1150 AH,10\nms-2,Second,,Rajab 1148,5\nms-3,Third,,,\nms-4,Fourth,,,4\n"
    )
    dry = _upload(curator_client, "list.csv", fixed.encode())
    page = dry.get_data(as_text=True)
    assert dry.status_code == 200 and "4 would be created" in page
    assert curator_client.get("/curator/manuscripts/ms-1").status_code == 404  # still nothing
    done = _run(curator_client, page, "import")
    assert done.status_code == 200 and "Imported: 4 created" in done.get_data(as_text=True)
    assert 'value="نخست"' in curator_client.get("/curator/manuscripts/ms-1").get_data(as_text=True)
    again = _upload(curator_client, "list.csv", (GOOD + "ms-1,First (revised),,,\n").encode())
    assert "1 changed" in again.get_data(
        as_text=True
    ) or "0 would be created, 1 changed" in again.get_data(as_text=True)


def test_an_xlsx_workbook_imports_like_a_csv(curator_client: FlaskClient) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Slug", "Title.EN"])
    sheet.append(["ms-x", '=HYPERLINK("http://evil")'])
    buffer = io.BytesIO()
    book.save(buffer)
    page = _upload(curator_client, "book.xlsx", buffer.getvalue()).get_data(as_text=True)
    assert "1 would be created" in page
    assert _run(curator_client, page, "import").status_code == 200
    assert curator_client.get("/curator/manuscripts/ms-x").status_code == 200


def test_a_zip_bomb_is_refused(curator_client: FlaskClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    response = _upload(curator_client, "bomb.xlsx", buffer.getvalue())
    assert response.status_code == 400 and "inflates" in response.get_data(as_text=True)


def test_an_xlsx_with_external_entities_is_refused(curator_client: FlaskClient) -> None:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    evil = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(evil, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                doctype = b'<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                data = (
                    b'<?xml version="1.0"?>' + doctype + data.replace(b"<sheets>", b"<sheets>&x;")
                )
            target.writestr(item, data)
    response = _upload(curator_client, "evil.xlsx", evil.getvalue())
    assert response.status_code == 400 and "root:" not in response.get_data(as_text=True)


def test_other_files_and_unknown_uploads_are_clear_refusals(curator_client: FlaskClient) -> None:
    assert _upload(curator_client, "x.exe", b"MZ").status_code == 400
    assert _upload(curator_client, "x.csv", b"\xff\xfe\x00bad").status_code == 400
    assert _upload(curator_client, "x.csv", b"").status_code == 400
    assert _upload(curator_client, "x.csv", b"title.en\nNo slug column\n").status_code == 400
    form = {"csrf_token": csrf_of(curator_client, "/curator/"), "section": "manuscripts"}
    assert curator_client.post("/curator/import/" + "0" * 32, data=form).status_code == 404
    assert curator_client.post("/curator/import/..%2f..%2fsecret_key", data=form).status_code == 404


def test_the_csv_export_is_safe_against_formula_injection(curator_client: FlaskClient) -> None:
    rows = 'slug,title.en,title.ru,title.kk\nms-f,=HYPERLINK("http://evil"),@SUM(1),-2+3\n'
    page = _upload(curator_client, "f.csv", rows.encode()).get_data(as_text=True)
    assert _run(curator_client, page, "import").status_code == 200
    export = curator_client.get("/curator/manuscripts/export.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    text = export.get_data(as_text=True)
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text and "'-2+3" in text
    assert ",=" not in text and ",@" not in text


def test_workbooks_are_parsed_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_a_sheet_with_one_cell_far_out_is_refused_with_a_translated_message(
    curator_client: FlaskClient,
) -> None:
    from tests.catalogue.formats.table.test_reader_bounds import _sheet

    response = _upload(curator_client, "far.xlsx", _sheet("XFD1048576"))
    assert response.status_code == 400
    assert "a sheet may have at most" in response.get_data(as_text=True)
    curator_client.set_cookie("lang", "ru")
    page = _upload(curator_client, "far.xlsx", _sheet("XFD1048576")).get_data(as_text=True)
    assert "1,048,576" in page and "a sheet may have at most" not in page


def test_a_login_is_not_kept_waiting_while_an_import_is_dry_run(
    curator_app: Flask, curator_client: FlaskClient, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 30 MB CSV's dry run ran inside the write transaction and a login waited 79 s.
    seen: dict[str, object] = {}

    def slow_save(*args: Any, **kwargs: Any) -> Any:
        if not seen:
            seen["lock free"] = write_lock_free(db)
            seen["login"] = login_while(curator_app)
        return save(*args, **kwargs)

    monkeypatch.setattr(table, "save", slow_save)
    response = _upload(curator_client, "rows.csv", (GOOD + "ms-dry,Dry run,,1150 AH,3\n").encode())
    assert response.status_code == 200
    assert seen["lock free"] is True
    status, seconds = cast(tuple[int, float], seen["login"])
    assert status == 302 and seconds < 5
    listed = curator_client.get("/curator/manuscripts/")
    assert listed.status_code == 200 and "ms-dry" not in listed.get_data(as_text=True)
