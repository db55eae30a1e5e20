"""CSRF protection for every form: one secret token per browser session, checked on every write.

The token lives as long as the session does (there is no separate clock), so a form that stays
open through a long editing session still saves; it changes when someone logs in.
"""

from __future__ import annotations

import secrets

from flask import Flask, abort, request, session
from flask_babel import gettext

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
_KEY = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Endpoints that change nothing and are POSTed to by other programs without a session: the
# OAI-PMH protocol allows POST for every (read-only) verb, and harvesters use it.
EXEMPT_ENDPOINTS = frozenset({"oai.endpoint"})


def csrf_token() -> str:
    """This session's token, made on first use (put it in every form as a hidden field)."""
    token = session.get(_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[_KEY] = token
    return token


def install(app: Flask) -> None:
    """Refuse every state-changing request that does not carry the session's token."""
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.before_request
    def _check() -> None:
        if request.method in SAFE_METHODS or request.routing_exception is not None:
            return  # nothing will run: let the 404 or 405 answer
        if request.endpoint in EXEMPT_ENDPOINTS:
            return
        expected = session.get(_KEY)
        sent = request.headers.get(HEADER) or request.form.get(FIELD, "")
        if not isinstance(expected, str) or not secrets.compare_digest(sent, expected):
            refused = gettext(
                "This form was not sent from this page, or its session has ended. "
                "Go back, reload the page and send it again."
            )
            abort(400, description=refused)
