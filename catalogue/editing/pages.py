"""Editing a manuscript's pages: order, folio and side, removal; each page's texts.

Pages keep their identity (their scan and texts go with them), so rows carry the page's id;
reordering is typing a new order number. A page's transcription (Persian by default) and its
translations are saved together, with the page's version checked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from catalogue.audit import Actor
from catalogue.db import Database
from catalogue.editing.saving import Refused, find
from catalogue.errors import NotFound
from catalogue.images import (
    StoredImage,
    ingest_then_record,
    page_folio,
    place_page_image,
)
from catalogue.language.characters import clean_text
from catalogue.language.messages import Message
from catalogue.models import Manuscript, Page, PageText, Side, TextKind
from catalogue.models.base import utcnow
from catalogue.models.entity import SLUG

SIDES = tuple(s.value for s in Side)
TRANSLATION_LANGUAGES = ("kk", "ru", "en")
MAX_TEXT = 100_000
MAX_PAGES = 2000


@dataclass
class PageRow:
    """One row of the pages form, as typed."""

    id: int | None
    order: float
    folio: str
    side: str
    remove: bool = False
    errors: dict[str, str] = field(default_factory=dict)


def pages_form(manuscript: Manuscript) -> dict[str, str]:
    """The manuscript's pages as form values (row i: page-i.id, .order, .folio, .side)."""
    values = {"version": str(manuscript.version)}
    for i, page in enumerate(manuscript.pages):
        values.update(
            {
                f"page-{i}.id": str(page.id),
                f"page-{i}.order": str(i + 1),
                f"page-{i}.folio": page.folio,
                f"page-{i}.side": page.side.value,
            }
        )
    return values


def _read(form: dict[str, str], count: int) -> tuple[list[PageRow], dict[str, str]]:
    rows: list[PageRow] = []
    errors: dict[str, str] = {}
    listed: set[int] = set()
    for i in range(count):
        raw_id, folio, side, order, remove = (
            clean_text(form.get(f"page-{i}.{name}", ""), multiline=False).strip()
            for name in ("id", "folio", "side", "order", "remove")
        )
        side = side or "none"
        if not raw_id and not folio:
            continue  # the empty row for a new page, left empty
        # isdigit() is true for "²" and "①", which int() refuses; isdecimal() is int()'s rule.
        if raw_id and not (raw_id.isdecimal() and len(raw_id) < 19):
            errors[f"page-{i}.id"] = Message("not a page of this manuscript")
            continue
        row = PageRow(int(raw_id) if raw_id else None, float(i + 1), folio, side)
        if row.id is not None:
            if row.id in listed:
                errors[f"page-{i}.id"] = Message("this page is on an earlier row too")
                continue
            listed.add(row.id)
        row.remove = bool(remove)
        if not folio and not row.remove:
            errors[f"page-{i}.folio"] = Message("write the folio, e.g. 12 or front cover")
        elif len(folio) > 20:
            errors[f"page-{i}.folio"] = Message("at most %(count)s characters", count=20)
        if side not in SIDES:
            errors[f"page-{i}.side"] = Message("choose recto, verso or none")
        if order:
            try:
                row.order = float(order)
            except ValueError:
                row.order = math.nan
            if not math.isfinite(row.order):  # "nan" and "inf" are floats, but no order
                errors[f"page-{i}.order"] = Message("write a number")
        rows.append(row)
    return rows, errors


def save_pages(session: Session, manuscript: Manuscript, form: dict[str, str]) -> None:
    """Apply the pages form: reorder, relabel, remove and add; Refused when anything is wrong."""
    if form.get("version", "") != str(manuscript.version):
        raise Refused(theirs=pages_form(manuscript), their_version=manuscript.version)
    rows, errors = _read(form, form_rows(form))
    by_id = {page.id: page for page in manuscript.pages}
    for n, row in enumerate(rows):
        if row.id is not None and row.id not in by_id:
            errors[f"page-{n}.id"] = Message("not a page of this manuscript")
    if errors:
        raise Refused(errors)
    kept: list[Page] = []
    for row in sorted((r for r in rows if not r.remove), key=lambda r: r.order):
        page = by_id.pop(row.id) if row.id is not None else Page(folio=row.folio)
        if page.folio != row.folio:
            page.folio = row.folio
        if page.side.value != row.side if page.side else True:
            page.side = Side(row.side)
        kept.append(page)
    for n, page in enumerate(kept, start=1):
        if page.position != n:
            page.position = n
    manuscript.pages = kept  # pages not kept are deleted (delete-orphan), with their texts
    manuscript.updated_at = utcnow()  # the manuscript's version moves on
    session.flush()


def form_rows(form: Mapping[str, str]) -> int:
    """How many rows of the pages form the values fill (at most MAX_PAGES + 1)."""
    numbers = (int(k[5:].split(".")[0]) for k in form if _row_key(k))
    return min(MAX_PAGES + 1, 1 + max(numbers, default=-1))


def _row_key(key: str) -> bool:
    head = key.split(".", 1)[0]
    return head.startswith("page-") and head[5:].isdecimal() and len(head) < 10


def texts_form(page: Page) -> dict[str, str]:
    """A page's texts as form values: transcription (with its language) and translations."""
    values = {"version": str(page.version), "transcription_lang": "fa"}
    for text in page.texts:
        if text.kind is TextKind.TRANSCRIPTION:
            values["transcription"] = text.text
            values["transcription_lang"] = text.lang
        elif text.lang in TRANSLATION_LANGUAGES:
            values[f"translation.{text.lang}"] = text.text
    return values


def _typed_text(form: Mapping[str, str], key: str) -> str:
    return clean_text(form.get(key, ""), multiline=True)


def save_texts(page: Page, form: dict[str, str], made_by: str) -> None:
    """Save a page's transcription and translations (an emptied text is removed)."""
    if form.get("version", "") != str(page.version):
        raise Refused(theirs=texts_form(page), their_version=page.version)
    lang = clean_text(form.get("transcription_lang", "fa"), multiline=False).strip() or "fa"
    wanted = {(TextKind.TRANSCRIPTION, lang): _typed_text(form, "transcription")}
    for code in TRANSLATION_LANGUAGES:
        wanted[(TextKind.TRANSLATION, code)] = _typed_text(form, f"translation.{code}")
    errors: dict[str, str] = {}
    if not lang.isalpha() or len(lang) > 8:
        errors["transcription_lang"] = Message("a language code such as fa or ar")
    for (kind, code), text in wanted.items():
        if len(text) > MAX_TEXT:
            name = "transcription" if kind is TextKind.TRANSCRIPTION else f"translation.{code}"
            errors[name] = Message("at most %(count)s characters", count=MAX_TEXT)
    if errors:
        raise Refused(errors)
    existing = {(t.kind, t.lang): t for t in page.texts}
    for other in [t for t in page.texts if t.kind is TextKind.TRANSCRIPTION and t.lang != lang]:
        page.texts.remove(other)  # the transcription's language was changed
    for key, typed in wanted.items():
        text = typed.strip()
        current = existing.get(key)
        if current is not None and not text:
            page.texts.remove(current)
        elif current is None and text:
            page.texts.append(PageText(kind=key[0], lang=key[1], text=text, made_by=made_by))
        elif current is not None and current.text != text:
            current.text = text
            current.made_by = made_by
    flag_modified(page, "folio")  # a change to the texts is a new version of the page


def find_page(manuscript: Manuscript, page_id: int) -> Page | None:
    """The manuscript's page with this id, if it is one of its pages."""
    return next((page for page in manuscript.pages if page.id == page_id), None)


def manuscript_by_slug(session: Session, slug: str) -> Manuscript | None:
    """The manuscript (draft or published) with this slug."""
    found = find(session, Manuscript, slug) if SLUG.match(slug) else None
    return found if isinstance(found, Manuscript) else None


def save_manuscript_pages(session: Session, slug: str, form: dict[str, str]) -> None:
    """save_pages for the manuscript with this slug (NotFound when it is gone)."""
    manuscript = manuscript_by_slug(session, slug)
    if manuscript is None:
        raise NotFound(slug)
    save_pages(session, manuscript, form)


def save_page_texts(
    session: Session, slug: str, page_id: int, form: dict[str, str], made_by: str
) -> None:
    """save_texts for one page of the manuscript with this slug (NotFound when gone)."""
    manuscript = manuscript_by_slug(session, slug)
    page = find_page(manuscript, page_id) if manuscript else None
    if page is None:
        raise NotFound(page_id)
    save_texts(page, form, made_by)


def add_scan(
    db: Database,
    store_root: Path,
    slug: str,
    source: BinaryIO,
    filename: str,
    *,
    placed: tuple[str | None, Side | None] | None = None,
    actor: Actor | None = None,
) -> Page:
    """Ingest one scan as a page of the manuscript and commit it; the page (ImageRejected if unfit).

    The page is `placed` (folio, side) or, without it, named by the file: `12r.jpg`, `f12v.tif`
    or `012a-recto.png` fills the waiting page of that folio and side, or makes a page labelled
    so. The scan is decoded and tiled before the write transaction, which only records the
    page (ingest_then_record). NotFound for an unknown manuscript.
    """
    folio, side = placed if placed is not None else folio_from_filename(filename)
    page_folio(folio)  # a folio too long is refused before the work of an ingest
    with db.read() as session:
        if manuscript_by_slug(session, slug) is None:
            raise NotFound(slug)

    def record(session: Session, stored: StoredImage) -> Page:
        manuscript = manuscript_by_slug(session, slug)
        if manuscript is None:
            raise NotFound(slug)
        page = place_page_image(session, manuscript, stored, folio, side)
        manuscript.updated_at = utcnow()  # the manuscript's version moves on
        session.flush()
        return page

    return ingest_then_record(db, store_root, source, filename, record, actor=actor)


_FOLIO_NAME = re.compile(
    r"^(?:f|fol|folio)?[._ -]*0*(\d{1,4}[a-qs-uw-z]?)[._ -]*(r|v|recto|verso)?$", re.IGNORECASE
)


def folio_from_filename(filename: str) -> tuple[str | None, Side | None]:
    """The folio and side a scan's file name states (`12r.jpg`), or (None, None)."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    found = _FOLIO_NAME.match(stem)
    if not found:
        return None, None
    side = {"r": Side.RECTO, "v": Side.VERSO}.get((found.group(2) or "")[:1].lower(), Side.NONE)
    return found.group(1).lower(), side
