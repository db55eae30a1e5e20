"""Editing records: lists with drafts, the create and edit forms, stale saves shown side by side."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp, restored_form
from app.i18n import translated
from catalogue.editing.children import LINK_KINDS, every_field, row_count
from catalogue.editing.links import choices
from catalogue.editing.saving import (
    Refused,
    find,
    list_for_curators,
    record_form,
    save,
)
from catalogue.editing.sections import SECTIONS
from catalogue.formats.table.writer import export_csv
from catalogue.models import Entity, Exhibit
from catalogue.models.entity import SLUG
from catalogue.reading.exhibits import exhibits_skipping, hidden_steps
from catalogue.transaction import run_in_transaction


def _section(section: str) -> None:
    if section not in SECTIONS:
        abort(404)


@bp.get("/<section>/")
def listing(section: str) -> str:
    """Every record of a section, drafts included."""
    _section(section)
    records = list_for_curators(context.session(), section)
    title = translated(SECTIONS[section].title)
    return render_template(
        "curator/list.html", section=section, records=records, section_title=title
    )


def _form_page(
    section: str, slug: str | None, values: dict[str, str], status: int = 200, **extra: object
) -> tuple[str, int]:
    spec = SECTIONS[section]
    session = context.session()
    record = find(session, spec.model, slug) if slug else None
    link_fields = every_field((*spec.fields, *(f for part in spec.parts for f in part.fields)))
    link_choices = {
        f"choices-{f.kind}-{'-'.join(f.kinds)}": choices(session, f)
        for f in link_fields
        if f.kind in LINK_KINDS
    }
    page = render_template(
        "curator/edit.html",
        section=section,
        section_title=translated(spec.title),
        spec=spec,
        slug=slug,
        v=values,
        record=record,
        rows={part.attr: row_count(values, part) + 1 for part in spec.parts},
        row_count=row_count,
        link_choices=link_choices,
        skipping=exhibits_skipping(session, record) if isinstance(record, Entity) else [],
        hidden=hidden_steps(record) if isinstance(record, Exhibit) else [],
        **extra,
    )
    return page, status


def edit_page(section: str, slug: str, status: int = 200, **extra: object) -> tuple[str, int]:
    """A stored record's form (for views that end on it, such as a portrait upload)."""
    record = find(context.session(), SECTIONS[section].model, slug)
    if record is None:
        abort(404)
    return _form_page(section, slug, record_form(record, section), status, **extra)


@bp.get("/<section>/export.csv")
def export(section: str) -> Response:
    """The section as CSV (formula-safe), in the columns the import reads."""
    _section(section)
    body = "\ufeff" + export_csv(context.session(), section)  # the BOM tells Excel it is UTF-8
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{section}.csv"'},
    )


@bp.route("/<section>/new", methods=["GET", "POST"])
def create(section: str) -> Response | tuple[str, int]:
    """A new record (a draft until published)."""
    _section(section)
    if request.method == "GET":
        restored = restored_form()
        return _form_page(section, None, restored or {}, restored=restored is not None)
    return _save(section, None)


@bp.route("/<section>/<slug>", methods=["GET", "POST"])
def edit(section: str, slug: str) -> Response | tuple[str, int]:
    """Edit one record."""
    _section(section)
    if not SLUG.match(slug):
        abort(404)
    record = find(context.session(), SECTIONS[section].model, slug)
    if record is None:
        abort(404)
    if request.method == "GET":
        saved = request.args.get("saved") == "1"
        restored = restored_form()
        if restored is not None:
            return _form_page(section, slug, restored, restored=True)
        return _form_page(section, slug, record_form(record, section), saved=saved)
    return _save(section, slug)


def _save(section: str, slug: str | None) -> Response | tuple[str, int]:
    typed = {key: value for key, value in request.form.items() if key != "csrf_token"}
    try:
        record = run_in_transaction(
            context.database(), lambda s: save(s, section, slug, typed), actor=actor()
        )
    except Refused as refused:
        if refused.theirs is not None:
            return _form_page(section, slug, refused.theirs, 409, mine=typed)
        return _form_page(section, slug, typed, 400, errors=refused.errors)
    return redirect(url_for("curator.edit", section=section, slug=record.slug, saved="1"))
