"""`qoljazba export --format tei|csv|dc` and `qoljazba import FOLDER` (TEI), as a user runs them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from app.cli import main
from catalogue.db import Database
from catalogue.language.localized import LocalizedText, LocalizedValue, Status
from catalogue.models import Manuscript
from catalogue.settings import load_settings
from catalogue.transaction import transaction
from tests.app.test_cli import env  # noqa: F401  (the fixture: a data dir of its own)
from tests.conftest import POSTGRES_URL, Backend


def test_tei_export_then_import_into_an_empty_catalogue(
    env: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    backend: Backend,
) -> None:
    assert main(["init"]) == 0
    first = env / "tei-1"
    assert main(["export", "--format", "tei", "-o", str(first)]) == 0
    assert (first / "authority.xml").exists() and (first / "ms-27.xml").exists()
    monkeypatch.setenv("QOLJAZBA_DATA_DIR", str(env / "other"))
    if POSTGRES_URL:
        monkeypatch.setenv("QOLJAZBA_DATABASE_URL", backend.fresh_url(migrated=False))
    assert main(["init", "--empty"]) == 0
    assert main(["import", str(first)]) == 0
    second = env / "tei-2"
    assert main(["export", "--format", "tei", "-o", str(second)]) == 0
    for path in first.iterdir():
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    assert main(["import", str(first)]) == 1  # the records exist already: nothing is imported


def test_csv_and_dublin_core(env: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"ms-01", "tauke-khan"} <= {row["id"] for row in rows}
    assert main(["export", "--format", "dc"]) == 0
    assert "<dc:title" in capsys.readouterr().out
    assert main(["export", "--format", "tei"]) == 1  # a folder is needed


def test_text_stored_with_control_characters_exports_as_xml(
    env: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["init"]) == 0
    db = Database(load_settings().database_url)
    with transaction(db) as session:
        manuscript = session.scalar(select(Manuscript).where(Manuscript.slug == "ms-01"))
        assert manuscript is not None
        manuscript.title = LocalizedText({"en": LocalizedValue("a\x0bb", Status.CHECKED)})
        manuscript.scribe_name = "c\x0cd"
    db.dispose()
    capsys.readouterr()
    assert main(["export", "--format", "dc"]) == 0
    assert "a\nb" in "".join(etree.fromstring(capsys.readouterr().out.encode()).itertext())
    assert main(["export", "--format", "tei", "-o", str(env / "tei")]) == 0
    text = "".join(etree.parse(str(env / "tei" / "ms-01.xml")).getroot().itertext())
    assert "a\nb" in text and "c\nd" in text
