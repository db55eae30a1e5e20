"""The token-named file stash: only well-formed tokens find a file, and old files are forgotten."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from catalogue import stash


def test_a_kept_file_is_found_by_its_token_and_suffix(tmp_path: Path) -> None:
    token = stash.put(tmp_path / "kept", ".csv", b"a,b\n")
    assert stash.TOKEN.match(token)
    found = stash.find(tmp_path / "kept", token, (".xml", ".csv"))
    assert found is not None and found.read_bytes() == b"a,b\n"
    assert stash.find(tmp_path / "kept", token, (".json",)) is None
    stash.delete(found)
    stash.delete(found)  # gone already is fine
    assert stash.find(tmp_path / "kept", token, (".csv",)) is None


@pytest.mark.parametrize(
    "token",
    ["", "../../etc/passwd", "0" * 31, "0" * 33, "A" * 32, "../" + "0" * 29, "0" * 32 + "/x"],
)
def test_a_malformed_token_names_no_file(tmp_path: Path, token: str) -> None:
    (tmp_path / "x.csv").write_bytes(b"secret")
    assert stash.find(tmp_path, token, (".csv", "")) is None


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_files_older_than_a_day_are_forgotten_at_the_next_put(tmp_path: Path) -> None:
    old = stash.put(tmp_path, ".json", b"{}")
    fresh = stash.put(tmp_path, ".json", b"{}")
    other = tmp_path / ("f" * 32 + ".csv")
    other.write_bytes(b"")
    for path in (tmp_path / f"{old}.json", other):
        _age(path, stash.KEEP_SECONDS + 60)
    assert stash.expired(tmp_path / f"{old}.json")
    assert not stash.expired(tmp_path / f"{fresh}.json")
    stash.put(tmp_path, ".json", b"{}", pattern="*.json")  # only this keeper's files
    assert not (tmp_path / f"{old}.json").exists()
    assert (tmp_path / f"{fresh}.json").exists() and other.exists()
    stash.put(tmp_path, ".csv", b"")
    assert not other.exists()
