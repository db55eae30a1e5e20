"""Errors: JSON under /api, friendly pages elsewhere, never a traceback."""

from __future__ import annotations

import logging
import time
from contextlib import suppress

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.exceptions import NotFound as HTTPNotFound

from catalogue.db import connection_lost, disk_full
from catalogue.errors import NotFound

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
RETRY_PAUSE_SECONDS = 0.5  # a PostgreSQL restart took 0.4-0.7 s in the fault test


def _read_again() -> Response | None:
    """Run a GET's view once more on a fresh session after a lost connection; None if not."""
    if request.method not in ("GET", "HEAD") or g.get("qoljazba_read_again"):
        return None
    g.qoljazba_read_again = True
    session = g.pop("db_session", None)
    if session is not None:
        with suppress(Exception):
            session.close()
    time.sleep(RETRY_PAUSE_SECONDS)
    try:
        return current_app.make_response(current_app.dispatch_request())
    except HTTPException as again:  # a 404 or the like, found the second time
        return current_app.make_response(current_app.handle_http_exception(again))
    except NotFound as again:
        return current_app.make_response(not_found(again))
    except Exception as again:
        log.error("read failed again on %s: %s", request.path, again)
        return None


def wants_json() -> bool:
    """Whether this request should get errors as JSON."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(
    status: int, message: str, *, explain: bool = False
) -> tuple[Response | str, int]:
    """The error in the form the client expects (explain: show the message on the page too)."""
    if wants_json():
        return jsonify({"error": {"status": status, "message": message}}), status
    return render_template("error.html", status=status, message=message, explain=explain), status


def not_found(error: NotFound) -> tuple[Response | str, int]:
    """The 404 for something the catalogue did not find (the API says what, as before)."""
    message = str(error) if wants_json() and error.args else HTTPNotFound.description
    return error_response(404, message)


def install(app: Flask) -> None:
    """Register the error handlers."""

    # One place turns every catalogue "not found" into a 404, so that views need no
    # try/except around each lookup and a bug (a KeyError) is not mistaken for one.
    app.register_error_handler(NotFound, not_found)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        body, status = error_response(error.code or 500, error.description or error.name)
        response = app.make_response((body, status))
        # Keep what the exception says beyond its body: Allow on a 405 (RFC 9110), and so on.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response | tuple[Response | str, int]:
        if disk_full(error):
            # Nothing was committed (the write failed, or its transaction rolled back); say
            # so, rather than "something went wrong" (found by bench/faults: full disk).
            log.error("disk full on %s %s: %s", request.method, request.path, error)
            return error_response(
                503,
                gettext(
                    "The server's disk is full, so nothing was saved. "
                    "Please tell the administrator."
                ),
                explain=True,
            )
        if connection_lost(error):
            # The database server went away (a PostgreSQL restart): a read is tried once more
            # on a fresh connection; otherwise the pool reconnects at a later request, so this
            # one is "not available right now" (503, try again shortly), not a bug.
            log.error("database connection lost on %s %s: %s", request.method, request.path, error)
            retried = _read_again()
            if retried is not None:
                return retried
            body, status = error_response(503, ServiceUnavailable.description)
            response = app.make_response((body, status))
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, InternalServerError.description)
