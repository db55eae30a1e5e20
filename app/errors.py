"""Errors: JSON under /api, friendly pages elsewhere, never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """Whether this request should get errors as JSON."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(status: int, message: str) -> tuple[Response | str, int]:
    """The error in the form the client expects."""
    if wants_json():
        return jsonify({"error": {"status": status, "message": message}}), status
    return render_template("error.html", status=status, message=message), status


def install(app: Flask) -> None:
    """Register the error handlers."""

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
    def _unexpected(error: Exception) -> tuple[Response | str, int]:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, InternalServerError.description)
