"""A manuscript's pages: the list (order, folio, side, removal) and each page's texts."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp, current_user, restored_form
from catalogue.editing.pages import (
    SIDES,
    TRANSLATION_LANGUAGES,
    find_page,
    form_rows,
    manuscript_by_slug,
    pages_form,
    save_manuscript_pages,
    save_page_texts,
    texts_form,
)
from catalogue.editing.saving import Refused
from catalogue.models import Manuscript
from catalogue.transaction import run_in_transaction


def _manuscript(slug: str) -> Manuscript:
    found = manuscript_by_slug(context.session(), slug)
    if found is None:
        abort(404)
    return found


def _typed() -> dict[str, str]:
    return {key: value for key, value in request.form.items() if key != "csrf_token"}


@bp.route("/manuscripts/<slug>/pages", methods=["GET", "POST"])
def pages(slug: str) -> Response | tuple[str, int]:
    """Reorder, relabel, remove and add pages."""
    manuscript = _manuscript(slug)
    status = 200
    extra: dict[str, object] = {}
    values = pages_form(manuscript)
    if request.method == "GET" and (restored := restored_form()) is not None:
        values, extra = restored, {"restored": True}
    if request.method == "POST":
        typed = _typed()
        try:
            run_in_transaction(
                context.database(), lambda s: save_manuscript_pages(s, slug, typed), actor=actor()
            )
            return redirect(url_for("curator.pages", slug=slug, saved="1"))
        except Refused as refused:
            if refused.theirs is not None:
                status, extra = 409, {"mine": typed}
            else:
                values, status, extra = typed, 400, {"errors": refused.errors}
    page = render_template(
        "curator/pages.html",
        manuscript=manuscript,
        slug=slug,
        v=values,
        rows=form_rows(values) + 1,
        sides=SIDES,
        saved=request.args.get("saved") == "1",
        **extra,
    )
    return page, status


@bp.route("/manuscripts/<slug>/pages/<int:page_id>", methods=["GET", "POST"])
def page_texts(slug: str, page_id: int) -> Response | tuple[str, int]:
    """A page's transcription and translations, beside its image."""
    manuscript = _manuscript(slug)
    page = find_page(manuscript, page_id)
    if page is None:
        abort(404)
    status = 200
    extra: dict[str, object] = {}
    values = texts_form(page)
    if request.method == "GET" and (restored := restored_form()) is not None:
        values, extra = restored, {"restored": True}
    if request.method == "POST":
        typed = _typed()
        name = current_user().display_name
        try:
            run_in_transaction(
                context.database(),
                lambda s: save_page_texts(s, slug, page_id, typed, name),
                actor=actor(),
            )
            return redirect(url_for("curator.page_texts", slug=slug, page_id=page_id, saved="1"))
        except Refused as refused:
            if refused.theirs is not None:
                status, extra = 409, {"mine": typed}
            else:
                values, status, extra = typed, 400, {"errors": refused.errors}
    body = render_template(
        "curator/page_texts.html",
        manuscript=manuscript,
        page=page,
        slug=slug,
        v=values,
        languages_translated=TRANSLATION_LANGUAGES,
        saved=request.args.get("saved") == "1",
        **extra,
    )
    return body, status
