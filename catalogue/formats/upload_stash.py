"""Uploaded import files kept between the dry run and the import, under generated names only.

Kept per account (at most `MAX_FILES` uploads and `MAX_ACCOUNT_BYTES`, the oldest go first)
and for a day; catalogue/stash.py sweeps what nobody came back for.
"""

from __future__ import annotations

from pathlib import Path

from catalogue import stash as kept
from catalogue.errors import NotFound

EXTENSIONS = (".csv", ".xlsx", ".xml")
MAX_FILES = 5  # uploads kept per account: a dry run or two in other tabs
MAX_ACCOUNT_BYTES = 192 * 1024 * 1024  # three uploads of the largest size a request may carry


def root(data_dir: Path) -> Path:
    """Where the kept uploads live in the data dir."""
    return data_dir / "imports"


def stash(root: Path, owner_id: int, filename: str, data: bytes) -> str:
    """Keep an upload for this account; the token that names it (never the file's own name)."""
    extension = next((e for e in EXTENSIONS if filename.lower().endswith(e)), None)
    if extension is None:
        raise ValueError("send a .csv, .xlsx or .xml file")
    return kept.put(
        root, owner_id, extension, data, max_files=MAX_FILES, max_bytes=MAX_ACCOUNT_BYTES
    )


def unstash(root: Path, owner_id: int, token: str) -> tuple[str, bytes]:
    """This account's kept upload: its name (token and extension) and content; else NotFound."""
    path = kept.find(root, owner_id, token, EXTENSIONS)
    if path is None:
        raise NotFound(token)
    return path.name, path.read_bytes()
