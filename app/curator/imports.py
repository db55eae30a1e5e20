"""Bulk import: a CSV/XLSX (columns mapped) or a TEI file; a dry run row by row, then import."""

from __future__ import annotations

from pathlib import Path

from flask import abort, render_template, request
from flask_babel import gettext
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp
from app.i18n import translated
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.reader import (
    ImportReport,
    Table,
    TableError,
    guess_mapping,
    read_table,
    run_import,
    targets,
)
from catalogue.formats.tei.reader import TEIImportError
from catalogue.formats.tei.upload import check_document, run_tei_import
from catalogue.formats.upload_stash import stash, unstash


def _root() -> Path:
    return context.settings().data_dir / "imports"


def _page(status: int = 200, **values: object) -> tuple[str, int]:
    return render_template(
        "curator/import.html",
        sections=list(SECTIONS),
        titles={name: translated(s.title) for name, s in SECTIONS.items()},
        **values,
    ), status


@bp.get("/import")
def import_form() -> tuple[str, int]:
    """Choose a file and the kind of record its rows describe."""
    return _page()


def _is_tei(filename: str) -> bool:
    return filename.lower().endswith(".xml")


def _tei_review(token: str, data: bytes, *, dry_run: bool) -> tuple[str, int]:
    """A TEI document's dry run (or import): one row per record it creates or updates.

    The import is given the versions the dry run showed (hidden `version-<slug>` inputs), so
    a record someone saved in between is refused rather than overwritten.
    """
    expected = None
    if not dry_run:
        expected = {
            key.removeprefix("version-"): value
            for key, value in request.form.items()
            if key.startswith("version-")
        }
    try:
        report = run_tei_import(
            context.database(), data, dry_run=dry_run, actor=actor(), expected=expected
        )
    except TEIImportError as refused:
        return _page(400, error=str(refused))
    page = render_template("curator/import_review.html", token=token, report=report, tei=True)
    return page, 200 if not report.errors else 400


@bp.post("/import")
def import_upload() -> Response | tuple[str, int]:
    """Keep the upload and show its columns, mapped where the headers say, and a dry run."""
    section = request.form.get("section", "")
    upload = request.files.get("file")
    if upload is not None and upload.filename and _is_tei(upload.filename):
        data = upload.read()
        try:
            check_document(data)
        except TEIImportError as refused:
            return _page(400, error=str(refused))
        return _tei_review(stash(_root(), upload.filename, data), data, dry_run=True)
    if section not in SECTIONS or upload is None or not upload.filename:
        return _page(400, error=gettext("Choose a file and a kind of record."))
    data = upload.read()
    try:
        table = read_table(upload.filename, data)
        token = stash(_root(), upload.filename, data)
    except (TableError, ValueError) as error:
        return _page(400, error=translated(error.args[0]))
    mapping = guess_mapping(section, table.headers)
    return _review(section, token, table, mapping, dry_run=True)


def _review(
    section: str, token: str, table: Table, mapping: dict[int, str], *, dry_run: bool
) -> tuple[str, int]:
    report: ImportReport | None = None
    error = None
    try:
        report = run_import(
            context.database(), section, table, mapping, dry_run=dry_run, actor=actor()
        )
    except TableError as refused:
        error = translated(refused.message)
    page = render_template(
        "curator/import_review.html",
        section=section,
        token=token,
        table=table,
        mapping=mapping,
        targets=targets(section),
        report=report,
        error=error,
    )
    return page, 200 if report and not report.errors and not error else 400


@bp.post("/import/<token>")
def import_run(token: str) -> Response | tuple[str, int]:
    """Check again with the chosen mapping, or import for real (all rows, or none)."""
    filename, data = unstash(_root(), token)
    if _is_tei(filename):
        return _tei_review(token, data, dry_run=request.form.get("go") != "import")
    section = request.form.get("section", "")
    if section not in SECTIONS:
        abort(400)
    try:
        table = read_table(filename, data)
    except TableError as error:
        return _page(400, error=translated(error.message))
    allowed = set(targets(section))
    mapping: dict[int, str] = {}
    for n in range(len(table.headers)):
        key = request.form.get(f"column-{n}", "")
        if key in allowed and key not in mapping.values():
            mapping[n] = key
    return _review(section, token, table, mapping, dry_run=request.form.get("go") != "import")
