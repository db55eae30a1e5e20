"""Import uploads kept between the dry run and the import, named by token, never by the uploader."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.errors import NotFound
from catalogue.formats.upload_stash import stash, unstash


@pytest.mark.parametrize(
    ("filename", "extension"), [("rows.csv", ".csv"), ("Book.XLSX", ".xlsx"), ("ms.xml", ".xml")]
)
def test_an_upload_comes_back_under_its_token(
    tmp_path: Path, filename: str, extension: str
) -> None:
    token = stash(tmp_path, filename, b"content")
    name, data = unstash(tmp_path, token)
    assert name == f"{token}{extension}"
    assert data == b"content"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # the uploader's name is not kept


@pytest.mark.parametrize("filename", ["rows.txt", "rows.csv.exe", "rows", "../../etc/passwd"])
def test_other_kinds_of_file_are_refused(tmp_path: Path, filename: str) -> None:
    with pytest.raises(ValueError, match=r"\.csv, \.xlsx or \.xml"):
        stash(tmp_path, filename, b"x")
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("token", ["0" * 32, "../secret", "", "A" * 32])
def test_an_unknown_or_malformed_token_is_not_found(tmp_path: Path, token: str) -> None:
    stash(tmp_path, "rows.csv", b"x")
    with pytest.raises(NotFound):
        unstash(tmp_path, token)


def test_an_upload_can_be_read_again_until_it_expires(tmp_path: Path) -> None:
    token = stash(tmp_path, "rows.csv", b"x")
    assert unstash(tmp_path, token) == unstash(tmp_path, token)  # the dry run, then the import
