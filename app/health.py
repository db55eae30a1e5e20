"""/healthz: is the database reachable and current, and is the search index there."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from app import context
from catalogue.health import database_state
from catalogue.search.sync import index_state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """JSON state of the database and index; 503 when the database is not usable."""
    database = database_state(context.database())
    index = index_state(context.search_index())
    ok = bool(database.get("ok"))
    status = "ok" if ok and index["ok"] else "degraded" if ok else "unavailable"
    body = {"status": status, "database": database, "index": index}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if ok else 503
