"""What the catalogue raises when something asked for by its id is not there.

Every "not found" of the catalogue (a record, an exhibit, an image, a page, a stashed file)
derives from NotFound, so that a caller can tell it from a bug (a KeyError, say) and the web
layer can answer all of them with one 404.
"""

from __future__ import annotations


class NotFound(LookupError):
    """Nothing of that kind with that id (or nothing the caller may see)."""
