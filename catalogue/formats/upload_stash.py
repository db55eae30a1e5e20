"""Uploaded import files kept between the dry run and the import, under generated names only."""

from __future__ import annotations

from pathlib import Path

from catalogue import stash as kept
from catalogue.errors import NotFound

EXTENSIONS = (".csv", ".xlsx", ".xml")


def stash(root: Path, filename: str, data: bytes) -> str:
    """Keep an upload; returns the token that names it (never the uploader's file name)."""
    extension = next((e for e in EXTENSIONS if filename.lower().endswith(e)), None)
    if extension is None:
        raise ValueError("send a .csv, .xlsx or .xml file")
    return kept.put(root, extension, data)


def unstash(root: Path, token: str) -> tuple[str, bytes]:
    """The kept upload's name (token and extension) and content; NotFound when there is none."""
    path = kept.find(root, token, EXTENSIONS)
    if path is None:
        raise NotFound(token)
    return path.name, path.read_bytes()
