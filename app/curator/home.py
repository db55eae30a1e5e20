"""The curator's start page, and the keep-alive that a page being edited sends."""

from __future__ import annotations

from flask import render_template, request

from app.curator.blueprint import bp


@bp.get("/")
def home() -> str:
    """Where a curator lands after logging in."""
    return render_template("curator/home.html", changed=request.args.get("changed", ""))


@bp.post("/keepalive")
def keepalive() -> tuple[str, int]:
    """A page with a form being typed into says so, so that the session does not idle out."""
    return "", 204
