"""Static files under a versioned URL (/assets/<build>/...) that browsers may cache for a year.

The build id is a hash of the content of every file under static/, so any change to any
file gives every asset a new URL; relative references inside stylesheets (fonts, images)
keep working because they resolve under the same build folder.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, send_from_directory, url_for

bp = Blueprint("assets", __name__)
YEAR = 365 * 24 * 3600


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


@bp.get("/assets/<build>/<path:filename>")
def asset(build: str, filename: str) -> Response:
    """A static file; immutable when the build id is the current one, revalidated otherwise."""
    folder = current_app.static_folder
    assert folder is not None
    response = send_from_directory(folder, filename, max_age=0)
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
