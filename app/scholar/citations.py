"""Citations of a public record (or one folio of a manuscript): BibTeX, RIS, CSL-JSON downloads."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from app import context
from app.scholar.arguments import citation_for
from app.urls import KINDS
from catalogue.formats.citations import bibtex, csl_json_document, ris
from catalogue.models.entity import SLUG
from catalogue.reading.records import get_record

bp = Blueprint("citations", __name__)
FORMATS = {
    "bib": ("application/x-bibtex", bibtex),
    "ris": ("application/x-research-info-systems", ris),
    "json": ("application/vnd.citationstyles.csl+json", csl_json_document),
}


@bp.get("/<section>/<slug>/cite.<fmt>")
def download(section: str, slug: str, fmt: str) -> Response:
    """The record's citation as a file: cite.bib, cite.ris or cite.json (CSL-JSON)."""
    kind = KINDS.get(section)
    if kind is None or not SLUG.match(slug) or fmt not in FORMATS:
        abort(404)
    record = get_record(context.session(), kind, slug)
    item = citation_for(record)
    mimetype, write = FORMATS[fmt]
    response = Response(write(item), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{item.key}.{fmt}"'
    return response
