"""A person's portrait, added directly: stored by the scan ingest rules, or nothing stored."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy.orm import Session

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


def test_a_portrait_is_stored_and_becomes_the_persons(
    session: Session, make_person: Callable[..., Person], tmp_path: Path
) -> None:
    person = make_person(slug="tauke")
    key = add_portrait(session, tmp_path, "tauke", _image(), "tauke.jpg")
    assert person.portrait_key == key
    stored = ImageStore(tmp_path).info(key)
    assert stored is not None and (stored.width, stored.height) == (90, 120)
    again = add_portrait(session, tmp_path, "tauke", _image("PNG"), "tauke.png")
    assert person.portrait_key == again != key


def test_an_unknown_person_stores_nothing(session: Session, tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        add_portrait(session, tmp_path, "nobody", _image(), "x.jpg")
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
    session: Session,
    make_person: Callable[..., Person],
    tmp_path: Path,
    data: bytes | None,
    filename: str,
) -> None:
    person = make_person(slug="tauke")
    source = io.BytesIO(data) if data is not None else _image()
    with pytest.raises(ImageRejected):
        add_portrait(session, tmp_path, "tauke", source, filename)
    assert person.portrait_key is None
    assert _stored(tmp_path) == []
