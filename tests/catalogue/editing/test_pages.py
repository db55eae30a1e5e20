"""A manuscript's pages and each page's texts, edited directly: kept by id, refused whole, no
stale saves; a scan's file name says its folio."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.editing.pages import (
    add_scan,
    find_page,
    folio_from_filename,
    manuscript_by_slug,
    pages_form,
    save_manuscript_pages,
    save_page_texts,
    save_pages,
    save_texts,
    texts_form,
)
from catalogue.editing.saving import Refused
from catalogue.errors import NotFound
from catalogue.images import ImageRejected
from catalogue.models import Manuscript, Page, PageText, Side, TextKind


def _paged(session: Session, make: Callable[..., Manuscript], slug: str = "ms-p") -> Manuscript:
    """A manuscript with pages 1r, 1v and 2r."""
    manuscript = make(slug=slug)
    for position, (folio, side) in enumerate(
        [("1", Side.RECTO), ("1", Side.VERSO), ("2", Side.RECTO)], start=1
    ):
        manuscript.pages.append(Page(folio=folio, side=side, position=position))
    session.flush()
    return manuscript


def _labels(manuscript: Manuscript) -> list[str]:
    return [page.label for page in manuscript.pages]


def test_the_form_shows_the_pages_in_order(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    form = pages_form(manuscript)
    assert form["version"] == str(manuscript.version)
    assert [form[f"page-{i}.folio"] + form[f"page-{i}.side"][0] for i in range(3)] == [
        "1r",
        "1v",
        "2r",
    ]
    assert form["page-2.order"] == "3" and form["page-0.id"] == str(manuscript.pages[0].id)


def test_pages_are_reordered_relabelled_removed_and_added_keeping_their_identity(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    first, second, third = manuscript.pages
    third.texts.append(PageText(kind=TextKind.TRANSCRIPTION, lang="fa", text="متن"))
    session.flush()
    version = manuscript.version
    form = {
        **pages_form(manuscript),
        "page-0.order": "9",  # the first page goes last
        "page-1.folio": "1a",
        "page-2.remove": "1",
        "page-3.folio": "front cover",  # a new page, in the empty row
        "page-3.order": "0.5",
    }
    save_pages(session, manuscript, form)
    assert _labels(manuscript) == ["front cover", "1av", "1r"]
    assert manuscript.pages[1] is second and manuscript.pages[2] is first
    assert [p.position for p in manuscript.pages] == [1, 2, 3]
    assert manuscript.version > version
    assert session.scalar(select(func.count()).select_from(Page)) == 3
    assert session.scalar(select(func.count()).select_from(PageText)) == 0  # went with its page


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"page-0.id": "999999"}, "page-0.id"),
        ({"page-0.id": "../1"}, "page-0.id"),
        ({"page-0.folio": ""}, "page-0.folio"),
        ({"page-0.folio": "x" * 21}, "page-0.folio"),
        ({"page-0.side": "upside"}, "page-0.side"),
        ({"page-0.order": "first"}, "page-0.order"),
    ],
)
def test_a_bad_row_refuses_the_whole_form(
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    bad: dict[str, str],
    field: str,
) -> None:
    manuscript = _paged(session, make_manuscript)
    form = {**pages_form(manuscript), "page-1.folio": "renamed", **bad}
    with pytest.raises(Refused) as refused:
        save_pages(session, manuscript, form)
    assert list(refused.value.errors) == [field]
    assert _labels(manuscript) == ["1r", "1v", "2r"]


def test_a_page_of_another_manuscript_is_not_taken(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    mine = _paged(session, make_manuscript, "ms-mine")
    theirs = _paged(session, make_manuscript, "ms-theirs")
    form = {**pages_form(mine), "page-3.id": str(theirs.pages[0].id), "page-3.folio": "9"}
    with pytest.raises(Refused) as refused:
        save_pages(session, mine, form)
    assert "not a page of this manuscript" in refused.value.errors["page-3.id"]
    assert len(theirs.pages) == 3 and len(mine.pages) == 3


def test_a_stale_pages_form_is_refused_with_the_stored_pages(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    shown = pages_form(manuscript)
    save_pages(session, manuscript, {**shown, "page-2.remove": "1"})
    with pytest.raises(Refused) as refused:
        save_pages(session, manuscript, {**shown, "page-0.folio": "mine"})
    assert refused.value.their_version == manuscript.version
    assert refused.value.theirs is not None and "page-2.id" not in refused.value.theirs
    assert _labels(manuscript) == ["1r", "1v"]


def test_a_manuscript_is_found_by_a_well_formed_slug_only(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    manuscript = _paged(session, make_manuscript)
    assert manuscript_by_slug(session, "ms-p") is manuscript
    assert manuscript_by_slug(session, "../ms-p") is None
    assert manuscript_by_slug(session, "ms-none") is None
    with pytest.raises(LookupError):
        save_manuscript_pages(session, "ms-none", {"version": "1"})
    save_manuscript_pages(session, "ms-p", {**pages_form(manuscript), "page-0.remove": "1"})
    assert _labels(manuscript) == ["1v", "2r"]


def test_texts_are_added_changed_and_an_emptied_one_removed(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = _paged(session, make_manuscript).pages[0]
    form = {**texts_form(page), "transcription": " بسم الله ", "translation.en": "In the name"}
    save_texts(page, form, "cura")
    session.flush()
    found = {(t.kind, t.lang): (t.text, t.made_by) for t in page.texts}
    assert found == {
        (TextKind.TRANSCRIPTION, "fa"): ("بسم الله", "cura"),
        (TextKind.TRANSLATION, "en"): ("In the name", "cura"),
    }
    shown = texts_form(page)
    assert shown["transcription"] == "بسم الله" and shown["translation.en"] == "In the name"
    version = page.version
    save_texts(page, {**shown, "translation.en": "", "translation.ru": "Во имя"}, "other")
    session.flush()
    assert {(t.lang, t.made_by) for t in page.texts} == {("fa", "cura"), ("ru", "other")}
    assert page.version > version


def test_changing_the_transcriptions_language_replaces_it(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = _paged(session, make_manuscript).pages[0]
    save_texts(page, {**texts_form(page), "transcription": "نص"}, "cura")
    session.flush()
    save_texts(page, {**texts_form(page), "transcription_lang": "ar"}, "cura")
    session.flush()
    assert [(t.kind, t.lang, t.text) for t in page.texts] == [(TextKind.TRANSCRIPTION, "ar", "نص")]


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"transcription_lang": "f a"}, "transcription_lang"),
        ({"transcription_lang": "abcdefghi"}, "transcription_lang"),
        ({"transcription": "x" * 100_001}, "transcription"),
        ({"translation.kk": "x" * 100_001}, "translation.kk"),
    ],
)
def test_bad_texts_are_refused_and_nothing_changes(
    session: Session, make_manuscript: Callable[..., Manuscript], bad: dict[str, str], field: str
) -> None:
    page = _paged(session, make_manuscript).pages[0]
    with pytest.raises(Refused) as refused:
        save_texts(page, {**texts_form(page), "translation.en": "kept out", **bad}, "cura")
    assert list(refused.value.errors) == [field]
    assert page.texts == []


def test_a_stale_texts_form_is_refused(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    page = _paged(session, make_manuscript).pages[0]
    shown = texts_form(page)
    save_texts(page, {**shown, "transcription": "theirs"}, "them")
    session.flush()
    with pytest.raises(Refused) as refused:
        save_texts(page, {**shown, "transcription": "mine"}, "me")
    assert refused.value.theirs is not None and refused.value.theirs["transcription"] == "theirs"


def test_a_pages_texts_are_found_through_its_own_manuscript_only(
    session: Session, make_manuscript: Callable[..., Manuscript]
) -> None:
    mine = _paged(session, make_manuscript, "ms-mine")
    other = _paged(session, make_manuscript, "ms-other")
    page = mine.pages[1]
    assert find_page(mine, page.id) is page and find_page(other, page.id) is None
    with pytest.raises(LookupError):
        save_page_texts(session, "ms-other", page.id, texts_form(page), "cura")
    save_page_texts(session, "ms-mine", page.id, {**texts_form(page), "transcription": "t"}, "c")
    assert [t.text for t in page.texts] == ["t"]


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("12r.jpg", ("12", Side.RECTO)),
        ("f12v.tif", ("12", Side.VERSO)),
        ("012a-recto.png", ("12a", Side.RECTO)),
        ("fol_7.jpg", ("7", Side.NONE)),
        ("C:\\scans\\3V.JPG", ("3", Side.VERSO)),
        ("cover.jpg", (None, None)),
        ("12345r.jpg", (None, None)),
    ],
)
def test_a_scans_file_name_says_its_folio_and_side(
    filename: str, expected: tuple[str | None, Side | None]
) -> None:
    assert folio_from_filename(filename) == expected


def _scan(fmt: str = "JPEG") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(buffer, fmt)
    buffer.seek(0)
    return buffer


def test_a_scan_fills_the_page_its_name_says_or_is_added(
    db: Database,
    session: Session,
    make_manuscript: Callable[..., Manuscript],
    tmp_path: Path,
) -> None:
    manuscript = _paged(session, make_manuscript)
    version = manuscript.version
    session.commit()  # add_scan ingests first, then commits in a write transaction of its own
    assert add_scan(db, tmp_path, "ms-p", _scan(), "1v.jpg").label == "1v"
    assert add_scan(db, tmp_path, "ms-p", _scan(), "7r.jpg").label == "7r"
    with pytest.raises(NotFound):
        add_scan(db, tmp_path, "ms-none", _scan(), "1r.jpg")
    with pytest.raises(ImageRejected):
        add_scan(db, tmp_path, "ms-p", io.BytesIO(b"not an image"), "8r.jpg")
    with db.read() as reader:
        stored = reader.scalar(select(Manuscript).where(Manuscript.slug == "ms-p"))
        assert stored is not None and stored.version > version
        assert stored.pages[1].image_key is not None and stored.pages[0].image_key is None
        assert _labels(stored) == ["1r", "1v", "2r", "7r"]
        pages = select(func.count()).select_from(Page).where(Page.manuscript_id == stored.id)
        assert reader.scalar(pages) == 4
