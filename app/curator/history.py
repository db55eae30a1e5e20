"""The audit history, site-wide and per record, and undo."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app import context
from app.curator.auth import safe_next
from app.curator.blueprint import actor, bp
from catalogue.accounts.users import list_users
from catalogue.audit import UndoRefused, history, undo
from catalogue.editing.links import LINK_COLUMNS, slugs_of
from catalogue.editing.saving import find
from catalogue.editing.sections import SECTIONS
from catalogue.models import AuditEntry, User
from catalogue.models.entity import SLUG
from catalogue.reading.vocabulary_labels import term_names
from catalogue.transaction import run_in_transaction


def _linked(entries: list[AuditEntry]) -> dict[int, str]:
    """The identifiers of the records that link columns of these entries name."""
    ids = {
        value
        for entry in entries
        for key, pair in entry.changes.items()
        if key in LINK_COLUMNS
        for value in pair
        if isinstance(value, int)
    }
    return slugs_of(context.session(), ids)


def _page(entries: list[AuditEntry], **extra: Any) -> str:
    account_ids = [e.row_id for e in entries if e.model == User.__name__]
    accounts = {u.id: u.username for u in list_users(context.session()) if u.id in account_ids}
    return render_template(
        "curator/history.html",
        entries=entries,
        linked=_linked(entries),
        link_columns=LINK_COLUMNS,
        accounts=accounts,
        terms=term_names(context.session(), entries),
        **extra,
    )


@bp.get("/history")
def site_history() -> str:
    """The newest changes to the whole catalogue."""
    return _page(history(context.session()), record=None)


@bp.get("/<section>/<slug>/history")
def record_history(section: str, slug: str) -> str:
    """The changes to one record and its parts."""
    if section not in SECTIONS or section == "exhibits" or not SLUG.match(slug):
        abort(404)
    record = find(context.session(), SECTIONS[section].model, slug)
    if record is None:
        abort(404)
    entries = history(context.session(), entity_id=record.id)
    return _page(entries, record=record, section=section)


@bp.post("/history/<changeset>/undo")
def undo_change(changeset: str) -> Response | tuple[str, int]:
    """Undo one save (recorded as a change of its own)."""
    if not changeset.isalnum() or len(changeset) != 32:
        abort(404)
    try:
        run_in_transaction(context.database(), lambda s: undo(s, changeset), actor=actor())
    except UndoRefused as refused:
        page = _page(history(context.session()), record=None, error=str(refused))
        return page, 409
    back = request.form.get("back") or url_for("curator.site_history", undone="1")
    return redirect(safe_next(back))  # a path on this site, never elsewhere
