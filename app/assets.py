"""Static files under a versioned URL (/assets/<build>/...) that browsers may cache for a year.

The build id is a hash of the content of every file under static/, so any change to any
file gives every asset a new URL; relative references inside stylesheets (fonts, images)
keep working because they resolve under the same build folder.
"""

from __future__ import annotations

import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request, url_for
from werkzeug.security import safe_join

bp = Blueprint("assets", __name__)
YEAR = 365 * 24 * 3600
TYPES = {
    ".woff2": "font/woff2",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}


@lru_cache(maxsize=8)
def _build_id(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for relative, _size, _mtime in stamp:
        digest.update(relative.encode())
        digest.update((Path(folder) / relative).read_bytes())
    return digest.hexdigest()[:12]


def build_id(folder: str) -> str:
    """The content hash of the static folder (recomputed only when a file changes)."""
    root = Path(folder)
    stamp = tuple(
        sorted(
            (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*")
            if p.is_file()
        )
    )
    return _build_id(folder, stamp)


def asset_url(filename: str) -> str:
    """The versioned URL of a static file."""
    build = current_app.extensions["qoljazba_assets"]
    return url_for("assets.asset", build=build, filename=filename)


@lru_cache(maxsize=256)
def _content(path: str, _mtime_ns: int) -> bytes:
    return Path(path).read_bytes()


@bp.get("/assets/<build>/<path:filename>")
def asset(build: str, filename: str) -> Response:
    """A static file; immutable when the build id is the current one, revalidated otherwise.

    Files are held in memory (static/ is small): no file handle is left open when a client
    goes away mid-transfer, and a busy kiosk hall costs no disk reads.
    """
    folder = current_app.static_folder
    assert folder is not None
    path = safe_join(folder, filename)
    if path is None or not Path(path).is_file():
        abort(404)
    suffix = Path(path).suffix.lower()
    mimetype = TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = Response(_content(path, Path(path).stat().st_mtime_ns), mimetype=mimetype)
    response.add_etag()
    response.make_conditional(request)
    if build == current_app.extensions["qoljazba_assets"]:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:  # a page from before a deployment: serve today's file, but do not keep it
        response.cache_control.no_cache = True
    return response


def install(app: Flask) -> None:
    """Compute the build id once and expose asset_url() to templates."""
    assert app.static_folder is not None
    app.extensions["qoljazba_assets"] = build_id(app.static_folder)
    app.jinja_env.globals["asset_url"] = asset_url
    app.register_blueprint(bp)
