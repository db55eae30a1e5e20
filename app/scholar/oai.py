"""OAI-PMH 2.0 at /oai: a thin view over catalogue.oai."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, url_for

from app import context
from app.urls import absolute, permalink
from catalogue.oai import Repository, respond

bp = Blueprint("oai", __name__)


@bp.route("/oai", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer one OAI-PMH request (GET query or POST form; errors are XML with status 200)."""
    settings = context.settings()
    params = request.form if request.method == "POST" else request.args
    repository = Repository(
        name="Qoljazba: the 27 Persian manuscripts presented by Iran to Kazakhstan",
        base_url=absolute(url_for("oai.endpoint")),
        admin_emails=(settings.admin_email,),
        # Tokens are signed with a key derived for this purpose, never the session key itself.
        secret="oai-resumption:" + str(current_app.config["SECRET_KEY"]),
        page_size=settings.oai_page_size,
        record_url=permalink,
    )
    body = respond(context.session(), repository, {k: params.getlist(k) for k in params})
    return Response(body, mimetype="text/xml", headers={"Cache-Control": "no-cache"})
