"""The vocabularies' labels: every term in the four languages, reviewed and corrected."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from werkzeug.wrappers import Response

from app import context
from app.curator.blueprint import actor, bp
from catalogue.editing.saving import Refused
from catalogue.editing.vocabulary_labels import VERSION, entries, labels_form, save_labels
from catalogue.language.vocabulary import Vocabulary, vocabulary
from catalogue.reading.vocabulary_labels import read_labels
from catalogue.transaction import run_in_transaction

TITLES: dict[str, LazyString] = {
    "predicates": _l("Relations"),
    "source_kinds": _l("Kinds of source"),
    "scripts": _l("Scripts"),
    "supports": _l("Writing supports"),
    "subjects": _l("Subjects"),
    "place_kinds": _l("Kinds of place"),
    "event_kinds": _l("Kinds of event"),
    "certainty": _l("Certainty"),
    "cataloguing_status": _l("Cataloguing status"),
    "text_languages": _l("Languages of the texts"),
    "page_sides": _l("Sides of a leaf"),
    "calendars": _l("Calendars"),
    "precisions": _l("Precision of dates"),
}
WHICH_TITLES = {"label": _l("read forwards"), "inverse": _l("read backwards")}


def _page(
    vocab: Vocabulary, values: dict[str, str], status: int = 200, **extra: object
) -> tuple[str, int]:
    sections = [
        {"name": name, "title": TITLES.get(name, name), "entries": entries(vocab, name)}
        for name in vocab.names()
    ]
    body = render_template(
        "curator/vocabularies.html",
        sections=sections,
        which_titles=WHICH_TITLES,
        v=values,
        saved=request.args.get("saved", ""),
        **extra,
    )
    return body, status


def _values(vocab: Vocabulary) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in vocab.names():
        values.update(labels_form(vocab, name))
    return values


@bp.get("/vocabularies")
def vocabularies() -> tuple[str, int]:
    """Every vocabulary's terms with their labels and review status, one form each."""
    vocab = read_labels(context.session())  # a curator sees exactly what is stored now
    return _page(vocab, _values(vocab))


@bp.post("/vocabularies/<name>")
def save_vocabulary(name: str) -> Response | tuple[str, int]:
    """Save one vocabulary's labels (a stale form is refused with both versions shown)."""
    if name not in vocabulary().names():
        abort(404)
    typed = {
        key: value
        for key, value in request.form.items()
        if key == VERSION or key.startswith(f"{name}.")
    }
    try:
        run_in_transaction(context.database(), lambda s: save_labels(s, name, typed), actor=actor())
    except Refused as refused:
        vocab = read_labels(context.session())
        values = _values(vocab)
        mine = {key: value for key, value in typed.items() if key != VERSION}
        if refused.theirs is not None:
            return _page(vocab, values, 409, mine={**values, **mine}, stale=name)
        return _page(vocab, {**values, **mine}, 400, errors=refused.errors, failed=name)
    return redirect(url_for("curator.vocabularies", saved=name, _anchor=f"vocabulary-{name}"))
