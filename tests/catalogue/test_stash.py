"""The token-named file stash: per account, bounded, only well-formed tokens find a file, and old
files are swept."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from catalogue import stash

ROOM = {"max_files": 10, "max_bytes": 1000}


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_kept_file_is_found_by_its_account_token_and_suffix(tmp_path: Path) -> None:
    token = stash.put(tmp_path / "kept", 7, ".csv", b"a,b\n", **ROOM)
    assert stash.TOKEN.match(token)
    found = stash.find(tmp_path / "kept", 7, token, (".xml", ".csv"))
    assert found is not None and found.read_bytes() == b"a,b\n"
    assert stash.find(tmp_path / "kept", 7, token, (".json",)) is None
    assert stash.find(tmp_path / "kept", 8, token, (".csv",)) is None  # another account's
    stash.delete(found)
    stash.delete(found)  # gone already is fine
    assert stash.find(tmp_path / "kept", 7, token, (".csv",)) is None


@pytest.mark.parametrize(
    "token",
    ["", "../../etc/passwd", "0" * 31, "0" * 33, "A" * 32, "../" + "0" * 29, "0" * 32 + "/x"],
)
def test_a_malformed_token_names_no_file(tmp_path: Path, token: str) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "x.csv").write_bytes(b"secret")
    assert stash.find(tmp_path, 1, token, (".csv", "")) is None


def test_an_account_keeps_at_most_so_many_files_the_oldest_go_first(tmp_path: Path) -> None:
    tokens = []
    for n in range(5):
        tokens.append(stash.put(tmp_path, 1, ".json", b"x", max_files=3, max_bytes=1000))
        _age(tmp_path / "1" / f"{tokens[-1]}.json", 100 - n)  # each older than the next
    other = stash.put(tmp_path, 2, ".json", b"x", max_files=3, max_bytes=1000)
    assert sorted(p.stem for p in (tmp_path / "1").iterdir()) == sorted(tokens[2:])
    assert stash.find(tmp_path, 2, other, (".json",)) is not None


def test_an_account_keeps_at_most_so_many_bytes_the_oldest_go_first(tmp_path: Path) -> None:
    first = stash.put(tmp_path, 1, ".csv", b"a" * 40, max_files=10, max_bytes=100)
    _age(tmp_path / "1" / f"{first}.csv", 10)
    second = stash.put(tmp_path, 1, ".csv", b"b" * 40, max_files=10, max_bytes=100)
    third = stash.put(tmp_path, 1, ".csv", b"c" * 40, max_files=10, max_bytes=100)
    assert stash.find(tmp_path, 1, first, (".csv",)) is None
    assert stash.find(tmp_path, 1, second, (".csv",)) is not None
    assert stash.find(tmp_path, 1, third, (".csv",)) is not None
    kept = sum(p.stat().st_size for p in (tmp_path / "1").iterdir())
    assert kept == 80
    with pytest.raises(ValueError):
        stash.put(tmp_path, 1, ".csv", b"d" * 101, max_files=10, max_bytes=100)


def test_files_older_than_a_day_are_swept_for_every_account(tmp_path: Path) -> None:
    old = stash.put(tmp_path, 1, ".json", b"{}", **ROOM)
    fresh = stash.put(tmp_path, 1, ".json", b"{}", **ROOM)
    others = stash.put(tmp_path, 2, ".csv", b"", **ROOM)
    legacy = tmp_path / ("f" * 32 + ".csv")  # kept before the per-account folders
    legacy.write_bytes(b"")
    for path in (tmp_path / "1" / f"{old}.json", tmp_path / "2" / f"{others}.csv", legacy):
        _age(path, stash.KEEP_SECONDS + 60)
    assert stash.expired(tmp_path / "1" / f"{old}.json")
    assert stash.find(tmp_path, 2, others, (".csv",)) is None  # expired is not found
    assert stash.sweep(tmp_path) == 2
    assert not (tmp_path / "1" / f"{old}.json").exists() and not legacy.exists()
    assert (tmp_path / "1" / f"{fresh}.json").exists()
    assert stash.sweep(tmp_path / "absent") == 0


def test_every_put_sweeps_every_accounts_expired_files(tmp_path: Path) -> None:
    old = stash.put(tmp_path, 1, ".json", b"{}", **ROOM)
    _age(tmp_path / "1" / f"{old}.json", stash.KEEP_SECONDS + 60)
    stash.put(tmp_path, 2, ".json", b"{}", **ROOM)
    assert not (tmp_path / "1" / f"{old}.json").exists()
