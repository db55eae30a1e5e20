"""Import uploads kept between the dry run and the import: per account, bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.errors import NotFound
from catalogue.formats import upload_stash


def test_an_upload_is_found_only_by_its_account(tmp_path: Path) -> None:
    token = upload_stash.stash(tmp_path, 1, "List.CSV", b"a,b\n")
    assert upload_stash.unstash(tmp_path, 1, token) == (f"{token}.csv", b"a,b\n")
    with pytest.raises(NotFound):
        upload_stash.unstash(tmp_path, 2, token)
    with pytest.raises(ValueError):
        upload_stash.stash(tmp_path, 1, "list.txt", b"")


def test_an_account_keeps_at_most_so_many_uploads(tmp_path: Path) -> None:
    tokens = [
        upload_stash.stash(tmp_path, 1, "list.csv", b"a,b\n")
        for _ in range(upload_stash.MAX_FILES + 4)
    ]
    assert len(list((tmp_path / "1").iterdir())) == upload_stash.MAX_FILES
    assert upload_stash.unstash(tmp_path, 1, tokens[-1])[1] == b"a,b\n"
