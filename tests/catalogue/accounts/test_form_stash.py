"""Forms posted after the session ended: kept for their account and path, given back once."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from catalogue.accounts import form_stash

FIELDS = [("title_en", "Firman"), ("title_fa", "فرمان"), ("subjects", "a"), ("subjects", "b")]


def test_a_kept_form_comes_back_once_to_its_account_on_its_path(tmp_path: Path) -> None:
    token = form_stash.keep(tmp_path, 7, "/curator/manuscripts/ms-1", FIELDS)
    assert token is not None
    assert form_stash.take(tmp_path, token, 7, "/curator/manuscripts/ms-1") == FIELDS
    assert form_stash.take(tmp_path, token, 7, "/curator/manuscripts/ms-1") is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("owner", "path"), [(8, "/curator/manuscripts/ms-1"), (7, "/curator/x")])
def test_another_account_or_page_gets_nothing_and_the_form_stays(
    tmp_path: Path, owner: int, path: str
) -> None:
    token = form_stash.keep(tmp_path, 7, "/curator/manuscripts/ms-1", FIELDS)
    assert token is not None
    assert form_stash.take(tmp_path, token, owner, path) is None
    assert form_stash.take(tmp_path, token, 7, "/curator/manuscripts/ms-1") == FIELDS


def test_a_form_too_big_to_keep_is_not_kept(tmp_path: Path) -> None:
    huge = [("summary", "x" * form_stash.MAX_BYTES)]
    assert form_stash.keep(tmp_path, 7, "/p", huge) is None
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_an_expired_form_is_forgotten_not_given_back(tmp_path: Path) -> None:
    token = form_stash.keep(tmp_path, 7, "/p", FIELDS)
    assert token is not None
    file = tmp_path / f"{token}{form_stash.SUFFIX}"
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(file, (two_days_ago, two_days_ago))
    assert form_stash.take(tmp_path, token, 7, "/p") is None
    assert not file.exists()


@pytest.mark.parametrize("token", ["../../etc/passwd", "", "f" * 31])
def test_a_malformed_token_finds_nothing(tmp_path: Path, token: str) -> None:
    form_stash.keep(tmp_path, 7, "/p", FIELDS)
    assert form_stash.take(tmp_path, token, 7, "/p") is None


def test_a_damaged_file_is_not_given_back(tmp_path: Path) -> None:
    token = form_stash.keep(tmp_path, 7, "/p", FIELDS)
    assert token is not None
    (tmp_path / f"{token}{form_stash.SUFFIX}").write_text("{not json", encoding="utf-8")
    assert form_stash.take(tmp_path, token, 7, "/p") is None


def test_values_come_back_as_strings(tmp_path: Path) -> None:
    token = form_stash.keep(tmp_path, 7, "/p", [])
    assert token is not None
    file = tmp_path / f"{token}{form_stash.SUFFIX}"
    file.write_text(json.dumps({"owner": 7, "path": "/p", "fields": [["n", 3]]}), encoding="utf-8")
    assert form_stash.take(tmp_path, token, 7, "/p") == [("n", "3")]
