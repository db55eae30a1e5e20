"""IIIF: Image API 3.0 under /iiif/3/, Presentation API 3.0 manifests and the collection."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import Blueprint, Response, abort, redirect, request, send_file, session
from flask_babel import gettext
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.wrappers import Response as WerkzeugResponse

from app import context
from app.identity import USER_ID, logged_in_user
from app.scholar.arguments import published_manuscript
from app.urls import absolute
from catalogue.iiif.image_info import IMAGE_CONTEXT, LEVEL2_PROFILE, info_document
from catalogue.iiif.image_request import BadImageRequest
from catalogue.iiif.image_service import find_image, image_file
from catalogue.iiif.manifest import PRESENTATION_CONTEXT, Links, collection, manifest
from catalogue.iiif.slots import Busy, Slots
from catalogue.images import ImageStore, images_root
from catalogue.language.localized import LocalizedText
from catalogue.models import Collection, Kind, Manuscript
from catalogue.reading.records import MAX_PER_PAGE, RecordNotFound, get_record, list_records

bp = Blueprint("iiif", __name__, url_prefix="/iiif")
YEAR = 365 * 24 * 3600
COLLECTION_SLUG = "iran-kazakhstan-27"
# A computed image waits this long for a render slot (QOLJAZBA_IIIF_RENDERS), then is a 503:
# a request waiting holds its worker (one thread each), which the kiosk may be queued behind.
RENDER_WAIT_SECONDS = 0.2


@bp.after_request
def _cors(response: Response) -> Response:
    # Viewers on any site may load these documents and images (Image API 3.0, section 7.1).
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _store() -> ImageStore:
    return ImageStore(images_root(context.settings().data_dir))


def _may_see(image_id: str) -> bool:
    """Whether the public may see this image; a 404 for a draft's scan unless a curator asks.

    Returns False when only a logged-in curator may (the answer must then stay private).
    """
    if context.public_image(image_id):
        return True
    if USER_ID in session and logged_in_user() is not None:
        return False
    abort(404)


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _renders() -> Slots:
    return context.slots("iiif-render", context.settings().iiif_renders, RENDER_WAIT_SECONDS)


def _links() -> Links:
    return Links(absolute(""))


def _json_ld(document: dict[str, Any], context_url: str, max_age: int) -> Response:
    wants_ld = "application/ld+json" in request.headers.get("Accept", "")
    media = f'application/ld+json;profile="{context_url}"' if wants_ld else "application/json"
    response = Response(json.dumps(document, ensure_ascii=False), mimetype=media)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.vary.add("Accept")
    response.add_etag()
    response.make_conditional(request)
    return response


@bp.get("/3/<image_id>")
def image_base(image_id: str) -> WerkzeugResponse:
    """The image's base URI redirects to its info.json."""
    find_image(_store(), image_id)
    _may_see(image_id)
    return redirect(f"{absolute('')}/iiif/3/{image_id}/info.json", code=303)


@bp.get("/3/<image_id>/info.json")
def image_info(image_id: str) -> Response:
    """info.json, its id built from the public URL setting or the request's address."""
    image = find_image(_store(), image_id)
    public = _may_see(image_id)
    document = info_document(image, f"{absolute('')}/iiif/3/{image_id}")
    response = _json_ld(document, IMAGE_CONTEXT, 3600)
    response.headers["Link"] = f'<{LEVEL2_PROFILE}>;rel="profile"'
    return response if public else _private(response)


@bp.get("/3/<image_id>/<region>/<size>/<rotation>/<quality_format>")
def image(image_id: str, region: str, size: str, rotation: str, quality_format: str) -> Response:
    """An image request: a pre-made tile or size as a file, anything else computed once."""
    public = _may_see(image_id)
    try:
        found = image_file(
            _store(),
            image_id,
            region,
            size,
            rotation,
            quality_format,
            renders=_renders(),
            cache_bytes=context.settings().iiif_cache_mb * 1024 * 1024,
        )
    except BadImageRequest as error:
        abort(400, description=str(error))
    except Busy as busy:
        # Never a queue of computations holding the workers the kiosk is answered by.
        raise ServiceUnavailable(
            gettext("images are being computed for others; try again shortly"),
            retry_after=busy.retry_after,
        ) from None
    # A given key's pixels never change (a new scan gets a new key), so the canonical request
    # names the content; answering a revalidation needs no file to be opened.
    etag = hashlib.blake2b(f"{image_id}/{found.canonical}".encode(), digest_size=12).hexdigest()
    if request.if_none_match.contains(etag):
        response = Response(status=304)
        response.set_etag(etag)
    else:
        response = send_file(found.path, mimetype=found.media_type, etag=etag, conditional=True)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    base = f"{absolute('')}/iiif/3/{image_id}"
    response.headers["Link"] = (
        f'<{base}/{found.canonical}>;rel="canonical", <{LEVEL2_PROFILE}>;rel="profile"'
    )
    return response if public else _private(response)


@bp.get("/manuscripts/<slug>/manifest.json")
def manuscript_manifest(slug: str) -> Response:
    """The Presentation 3.0 manifest of one published manuscript."""
    record = published_manuscript(slug)
    return _json_ld(manifest(record, _links()), PRESENTATION_CONTEXT, 60)


@bp.get("/collection.json")
def manuscripts_collection() -> Response:
    """Every published manuscript's manifest, as a Presentation 3.0 collection."""
    session = context.session()
    manuscripts: list[Manuscript] = []
    number = 1
    while True:
        found = list_records(session, Kind.MANUSCRIPT, page=number, per_page=MAX_PER_PAGE)
        manuscripts += [m for m in found.items if isinstance(m, Manuscript)]
        if number >= found.pages:
            break
        number += 1
    try:
        holder = get_record(session, Kind.COLLECTION, COLLECTION_SLUG)
        label = holder.title if isinstance(holder, Collection) else LocalizedText()
    except RecordNotFound:
        label = LocalizedText()
    return _json_ld(collection(manuscripts, _links(), label), PRESENTATION_CONTEXT, 60)
