"""A person's portrait, added directly: stored by the scan ingest rules, or nothing stored."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.db import Database
from catalogue.errors import NotFound
from catalogue.images import ImageRejected, ImageStore
from catalogue.images.portraits import add_portrait
from catalogue.models import Person


def _image(fmt: str = "JPEG", size: tuple[int, int] = (90, 120)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    buffer.seek(0)
    return buffer


def _stored(root: Path) -> list[Path]:
    return [p for p in root.glob("*/*") if p.is_dir() and not p.parent.name.startswith(".")]


def _portrait_key(db: Database, slug: str) -> str | None:
    with db.read() as session:
        return session.scalar(select(Person.portrait_key).where(Person.slug == slug))


def test_a_portrait_is_stored_and_becomes_the_persons(
    db: Database, session: Session, make_person: Callable[..., Person], tmp_path: Path
) -> None:
    make_person(slug="tauke")
    session.commit()  # add_portrait commits in a write transaction of its own
    key = add_portrait(db, tmp_path, "tauke", _image(), "tauke.jpg")
    assert _portrait_key(db, "tauke") == key
    stored = ImageStore(tmp_path).info(key)
    assert stored is not None and (stored.width, stored.height) == (90, 120)
    again = add_portrait(db, tmp_path, "tauke", _image("PNG"), "tauke.png")
    assert _portrait_key(db, "tauke") == again != key


def test_an_unknown_person_stores_nothing(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        add_portrait(db, tmp_path, "nobody", _image(), "x.jpg")
    assert _stored(tmp_path) == []


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"not an image", "x.jpg"),
        (None, "x.gif"),  # a format scans are not taken in
        (None, "x.png"),  # a JPEG named .png: disguised
    ],
)
def test_an_unfit_file_is_refused_and_nothing_kept(
    db: Database,
    session: Session,
    make_person: Callable[..., Person],
    tmp_path: Path,
    data: bytes | None,
    filename: str,
) -> None:
    make_person(slug="tauke")
    session.commit()
    source = io.BytesIO(data) if data is not None else _image()
    with pytest.raises(ImageRejected):
        add_portrait(db, tmp_path, "tauke", source, filename)
    assert _portrait_key(db, "tauke") is None
    assert _stored(tmp_path) == []
