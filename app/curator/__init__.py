"""The curator workspace at /curator: accounts, editing, history, uploads and imports."""

from app.curator import (
    accounts,
    auth,
    editing,
    history,
    home,
    imports,
    pages,
    uploads,
    vocabularies,
)
from app.curator.blueprint import bp

__all__ = [
    "accounts",
    "auth",
    "bp",
    "editing",
    "history",
    "home",
    "imports",
    "pages",
    "uploads",
    "vocabularies",
]
