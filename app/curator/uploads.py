"""Page scans: many files at once (drag and drop), each ingested in its own transaction."""

from __future__ import annotations

from typing import BinaryIO, cast

from flask import abort, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp
from app.curator.editing import edit_page
from app.i18n import translated
from catalogue.editing.pages import add_scan, manuscript_by_slug
from catalogue.images import ImageRejected, add_portrait, images_root

MAX_FILES = 500


def _one(slug: str, name: str, stream: BinaryIO) -> dict[str, str]:
    try:
        root = images_root(context.settings().data_dir)
        page = add_scan(context.database(), root, slug, stream, name, actor=actor())
    except (ImageRejected, ValueError) as error:
        return {"file": name, "ok": "", "error": translated(error.args[0])}
    return {"file": name, "ok": "1", "page": page.label}


@bp.route("/manuscripts/<slug>/scans", methods=["GET", "POST"])
def scans(slug: str) -> Response | tuple[Response, int] | tuple[str, int] | str:
    """Upload scans; the script sends one file per request and shows each file's progress."""
    manuscript = manuscript_by_slug(context.session(), slug)
    if manuscript is None:
        abort(404)
    if request.method == "GET":
        return render_template("curator/scans.html", slug=slug, manuscript=manuscript, results=[])
    files = request.files.getlist("file")[:MAX_FILES]
    if not files:
        abort(400, description="choose one or more image files")
    results = [_one(slug, f.filename or "scan", cast(BinaryIO, f.stream)) for f in files]
    status = 200 if all(r["ok"] for r in results) else 400
    if request.accept_mimetypes.best == "application/json":
        return jsonify(results), status
    page = render_template("curator/scans.html", slug=slug, manuscript=manuscript, results=results)
    return page, status


@bp.post("/people/<slug>/portrait")
def portrait(slug: str) -> Response | tuple[str, int]:
    """Upload a person's portrait (the scan ingest rules); back to the person's form."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400, description="choose an image file")
    root = images_root(context.settings().data_dir)
    stream = cast(BinaryIO, upload.stream)
    try:
        add_portrait(
            context.database(), root, slug, stream, upload.filename or "portrait", actor=actor()
        )
    except (ImageRejected, ValueError) as error:
        return edit_page("people", slug, portrait_error=translated(error.args[0]), status=400)
    return redirect(url_for("curator.edit", section="people", slug=slug, saved="1"))
