"""Forms kept across a login: for one account and path, taken once, bounded per account."""

from __future__ import annotations

from pathlib import Path

from catalogue.accounts import form_stash


def test_a_kept_form_is_taken_once_by_its_account_for_its_path(tmp_path: Path) -> None:
    fields = [("title.en", "Typed"), ("title.fa", "نوشته")]
    token = form_stash.keep(tmp_path, 3, "/curator/manuscripts/a", fields)
    assert token is not None
    assert form_stash.take(tmp_path, token, 4, "/curator/manuscripts/a") is None
    assert form_stash.take(tmp_path, token, 3, "/curator/manuscripts/b") is None
    assert form_stash.take(tmp_path, token, 3, "/curator/manuscripts/a") == fields
    assert form_stash.take(tmp_path, token, 3, "/curator/manuscripts/a") is None


def test_a_too_big_form_is_not_kept(tmp_path: Path) -> None:
    big = [("text", "x" * form_stash.MAX_BYTES)]
    assert form_stash.keep(tmp_path, 3, "/curator/manuscripts/a", big) is None
    assert not tmp_path.joinpath("3").exists() or not any(tmp_path.joinpath("3").iterdir())


def test_an_account_keeps_at_most_its_bound_in_files_and_bytes(tmp_path: Path) -> None:
    big = [("text", "x" * (form_stash.MAX_BYTES - 100))]
    for _ in range(form_stash.MAX_FILES + 3):
        assert form_stash.keep(tmp_path, 3, "/curator/manuscripts/a", big) is not None
    files = list((tmp_path / "3").iterdir())
    assert len(files) <= form_stash.MAX_FILES
    assert sum(path.stat().st_size for path in files) <= form_stash.MAX_ACCOUNT_BYTES
    for _ in range(form_stash.MAX_FILES + 3):
        form_stash.keep(tmp_path, 3, "/curator/manuscripts/a", [("title.en", "small")])
    assert len(list((tmp_path / "3").iterdir())) == form_stash.MAX_FILES
