"""The image store: one folder per image key, under generated names only, never read outside."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Keys are generated (uuid4); nothing a user typed ever becomes part of a path.
KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# A canonical image request below a key: region/size/rotation/quality.format, nothing else.
CANONICAL = re.compile(
    r"^(full|\d+,\d+,\d+,\d+)/(max|\d+,\d+)/(!?\d+(?:\.\d+)?)/"
    r"(default|color|gray|bitonal)\.(jpg|png|webp)$"
)

ORIGINAL = "original"  # original.<jpg|png|tif>: the upload, byte for byte, never served
MASTER = "master.jpg"  # re-encoded, oriented, ICC kept, other metadata gone
INFO = "image.json"
TILES = "tiles"  # pre-made tiles and sizes, at their canonical request paths
CACHE = "cache"  # computed requests; may be deleted at any time


# image.json never changes for a key, so each process keeps the ones it has read (a tile
# request then needs no file but the tile).
_INFO_CACHE: dict[Path, StoredImage] = {}
_INFO_CACHE_SIZE = 4096


def images_root(data_dir: Path) -> Path:
    """Where page images live in a data dir."""
    return data_dir / "images"


def new_key() -> str:
    """A fresh image identifier."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class StoredImage:
    """An ingested image: its key, its size after orientation, and its pre-made derivatives."""

    key: str
    width: int
    height: int
    tile_width: int = 512
    scale_factors: list[int] = field(default_factory=list)
    sizes: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> str:
        """The image.json document kept beside the image."""
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> StoredImage:
        """Read image.json."""
        data = json.loads(text)
        return cls(
            key=str(data["key"]),
            width=int(data["width"]),
            height=int(data["height"]),
            tile_width=int(data["tile_width"]),
            scale_factors=[int(s) for s in data["scale_factors"]],
            sizes=[(int(w), int(h)) for w, h in data["sizes"]],
        )


class ImageStore:
    """Folders of ingested images below one root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, key: str) -> Path | None:
        """The folder of a valid key (whether or not it exists); None for anything else."""
        if not KEY.match(key):
            return None
        return self.root / key[:2] / key

    def info(self, key: str) -> StoredImage | None:
        """The stored image with this key, or None when there is none."""
        folder = self.folder(key)
        if folder is None:
            return None
        path = folder / INFO
        found = _INFO_CACHE.get(path)
        if found is None:
            try:
                found = StoredImage.from_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                return None
            if len(_INFO_CACHE) >= _INFO_CACHE_SIZE:
                _INFO_CACHE.clear()
            _INFO_CACHE[path] = found
        return found

    def master(self, key: str) -> Path | None:
        """The master image file of a key, if it exists."""
        folder = self.folder(key)
        path = folder / MASTER if folder else None
        return path if path and path.is_file() else None

    def derivative(self, key: str, canonical: str, *, cached: bool = False) -> Path | None:
        """Where a pre-made (or, with cached, a computed) request lives; None for bad input."""
        folder = self.folder(key)
        if folder is None or not CANONICAL.match(canonical):
            return None
        # Both patterns admit no "..", no "/" inside a segment and no absolute path, so the
        # result stays inside the key's folder without touching the disk to check it.
        return folder / (CACHE if cached else TILES) / canonical

    def trim_cache(self, limit: int, keep: Path | None = None) -> int:
        """Delete the least recently used computed files until the cache holds ``limit`` bytes
        at most (``keep`` stays, however large); the number of files deleted.

        A cached file's modification time is when it was last served (``image_service``
        touches it), so the oldest are the least used. Pre-made tiles are never touched.
        """
        files: list[tuple[float, int, Path]] = []
        for cache in self.root.glob(f"*/*/{CACHE}"):
            for folder, _, names in os.walk(cache):
                for name in names:
                    path = Path(folder) / name
                    try:
                        stat = path.stat()
                    except OSError:  # deleted meanwhile by another worker's trim
                        continue
                    files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        deleted = 0
        for _, size, path in sorted(files):
            if total <= limit:
                break
            if path == keep:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                deleted += 1
            total -= size
        return deleted

    def staging(self) -> Path:
        """A new private folder to build an image in before it is published."""
        incoming = self.root / ".incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=incoming))

    def publish(self, staging: Path, key: str) -> None:
        """Move a completed staging folder into place, in one rename."""
        folder = self.folder(key)
        if folder is None:
            raise ValueError(f"not an image key: {key!r}")
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staging, folder)

    def remove(self, key: str) -> None:
        """Delete an image and everything made from it."""
        folder = self.folder(key)
        if folder is not None and folder.is_dir():
            _INFO_CACHE.pop(folder / INFO, None)
            shutil.rmtree(folder)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see either nothing or all of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
