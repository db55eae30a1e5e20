"""The image store builds paths only from a generated key and a canonical request."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.images.store import ImageStore, new_key

KEY = new_key()


@pytest.mark.parametrize(
    ("key", "canonical"),
    [
        ("../etc", "full/max/0/default.jpg"),
        (KEY.upper(), "full/max/0/default.jpg"),
        (KEY + "/..", "full/max/0/default.jpg"),
        (KEY, "../../master.jpg"),
        (KEY, "full/max/0/../../../master.jpg"),
        (KEY, "/etc/passwd"),
        (KEY, "full/max/0/default.gif"),
        (KEY, "full/max/0/default.jpg/.."),
    ],
)
def test_paths_outside_the_pattern_are_refused(tmp_path: Path, key: str, canonical: str) -> None:
    assert ImageStore(tmp_path).derivative(key, canonical) is None


def test_a_canonical_request_maps_below_its_key(tmp_path: Path) -> None:
    store = ImageStore(tmp_path)
    path = store.derivative(KEY, "0,0,512,512/256,256/!90/gray.png", cached=True)
    assert path == tmp_path / KEY[:2] / KEY / "cache/0,0,512,512/256,256/!90/gray.png"


def test_an_unknown_key_has_no_info(tmp_path: Path) -> None:
    assert ImageStore(tmp_path).info(KEY) is None
    assert ImageStore(tmp_path).info("not-a-key") is None


def test_the_cache_keeps_the_most_recently_used_within_its_limit(tmp_path: Path) -> None:
    import os

    store = ImageStore(tmp_path)
    keys = [new_key() for _ in range(2)]
    paths = []
    for number in range(6):
        path = store.derivative(keys[number % 2], f"full/{number + 1},1/0/default.jpg", cached=True)
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)
        os.utime(path, (1000 + number, 1000 + number))  # used in this order
        paths.append(path)
    tile = store.derivative(keys[0], "full/1,1/0/default.jpg")
    assert tile is not None
    tile.parent.mkdir(parents=True, exist_ok=True)
    tile.write_bytes(b"x" * 1000)  # pre-made: never trimmed
    assert store.trim_cache(limit=300, keep=paths[0]) == 3
    assert [p.exists() for p in paths] == [True, False, False, False, True, True]
    assert tile.exists()
