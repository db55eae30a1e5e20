"""`qoljazba add-pages`: scans become pages; refused files are named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.cli import main
from catalogue.db import Database
from catalogue.models import Entity, Page
from catalogue.settings import load_settings
from tests.conftest import POSTGRES_URL, Backend


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend) -> Path:
    """An initialised data dir of its own (on PostgreSQL, a fresh schema)."""
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(tmp_path / "data"))
    if POSTGRES_URL:
        monkeypatch.setenv("QOLJAZBA_DATABASE_URL", backend.fresh_url(migrated=False))
    else:
        monkeypatch.delenv("QOLJAZBA_DATABASE_URL", raising=False)
    assert main(["init"]) == 0
    return tmp_path / "data"


def _jpeg(path: Path, size: tuple[int, int]) -> Path:
    Image.new("RGB", size, "white").save(path, "JPEG")
    return path


def _pages(slug: str) -> list[Page]:
    db = Database(load_settings().database_url)
    try:
        with db.read() as session:
            return list(
                session.scalars(
                    select(Page)
                    .join(Entity, Entity.id == Page.manuscript_id)
                    .where(Entity.slug == slug)
                    .order_by(Page.position)
                )
            )
    finally:
        db.dispose()


def test_add_pages_in_reading_order(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(_jpeg(tmp_path / f"{n}.jpg", (600 + n, 800))) for n in (1, 2)]
    capsys.readouterr()
    assert main(["add-pages", "ms-02", *files]) == 0
    out = capsys.readouterr().out
    assert "page 1 of ms-02, 601 x 800" in out and "page 2 of ms-02, 602 x 800" in out
    pages = _pages("ms-02")
    assert [(p.folio, p.width) for p in pages] == [("1", 601), ("2", 602)]
    assert all(
        p.image_key and (data_dir / "images" / p.image_key[:2] / p.image_key).is_dir()
        for p in pages
    )


def test_refused_files_are_named_and_nothing_is_stored(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"not an image")
    good = _jpeg(tmp_path / "good.jpg", (100, 100))
    capsys.readouterr()
    assert main(["add-pages", "ms-03", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert "notes.png: not added: 'notes.png' is not a readable JPEG, PNG or TIFF" in captured.err
    assert "1 of 2 files were not added" in captured.err
    assert len(_pages("ms-03")) == 1
    assert len([p for p in (data_dir / "images").glob("*/*") if p.name != ".incoming"]) == 1


def test_an_unknown_manuscript_is_an_error(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _jpeg(tmp_path / "good.jpg", (100, 100))
    assert main(["add-pages", "ms-99", str(good)]) == 1
    assert "no manuscript with id 'ms-99'" in capsys.readouterr().err
    assert not any((data_dir / "images").glob("*/*-*"))


def test_folio_and_side_name_a_single_page(data_dir: Path, tmp_path: Path) -> None:
    good = _jpeg(tmp_path / "f.jpg", (100, 100))
    assert main(["add-pages", "ms-04", str(good), "--folio", "3", "--side", "recto"]) == 0
    [page] = _pages("ms-04")
    assert page.label == "3r"
    assert main(["add-pages", "ms-04", str(good), str(good), "--folio", "4"]) == 1
