"""Persian compounds at query time: a word typed joined also finds it written with spaces.

A Persian compound is written with a ZWNJ (حمل‌ونقل), joined (حملونقل) or with spaces
(حمل و نقل). The tokenizer keeps a ZWNJ compound as one word and folding removes the ZWNJ, so
the first two forms are one term, حملونقل. The query side covers the rest:

- a run of spaced Persian words in a query also tries its joined form
  (``query._persian_compounds``);
- a Persian word in a query (``split_compounds``, here) also tries every way of cutting it into
  two or three words that stand next to each other somewhere in the index: حملونقل is also the
  phrase حمل و نقل when the index holds the word pairs حمل·و and و·نقل (the pair terms of
  ``analysis.PairFilter``, which phrase matching uses anyway).

The index used to hold the joined form of every window of two and three adjacent Persian
words instead: 45% of the Persian field's tokens and three quarters of its terms, most of them
never searched, and the largest part of a full rebuild's time. The cuts of a typed word are
few (a word of n letters has n - 1 cuts in two, (n - 1)(n - 2) / 2 in three), and each is one
lookup in the term table, only kept when its pairs exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.query import Or, Phrase, Query, Term

from catalogue.language.text import ARABIC_WORD
from catalogue.search.analysis import pair_term

__all__ = ["COMPOUND_FIELD", "MAX_CUT_LETTERS", "split_compounds"]

COMPOUND_FIELD = "text_fa"
MAX_CUT_LETTERS = 24  # longer typed words are not cut (276 three-word cuts at 24 letters)


def split_compounds(query: Query, reader: Any, fieldname: str = COMPOUND_FIELD) -> Query:
    """The query with each Persian word of the Persian field also matched as the two or three
    adjacent words it can be cut into, where the index holds them so."""

    def widen(node: Query) -> Query:
        if type(node) is not Term or node.fieldname != fieldname:  # not a prefix, fuzzy...
            return node
        text = node.text if isinstance(node.text, str) else node.text.decode("utf-8")
        if not 2 <= len(text) <= MAX_CUT_LETTERS or ARABIC_WORD.fullmatch(text) is None:
            return node
        phrases = [
            Phrase(fieldname, list(words), boost=node.boost)
            for words in _cuts(text, reader, fieldname)
        ]
        return Or([node, *phrases]) if phrases else node

    return query.accept(widen)


def _cuts(text: str, reader: Any, fieldname: str) -> Iterator[tuple[str, ...]]:
    """The cuts of a word into 2 or 3 words whose pairs are all in the index."""
    known: dict[tuple[str, str], bool] = {}

    def paired(first: str, second: str) -> bool:
        key = (first, second)
        if key not in known:
            known[key] = (fieldname, pair_term(first, second)) in reader
        return known[key]

    for i in range(1, len(text)):
        head, rest = text[:i], text[i:]
        if paired(head, rest):
            yield head, rest
        for j in range(i + 1, len(text)):
            middle, tail = text[i:j], text[j:]
            if paired(head, middle) and paired(middle, tail):
                yield head, middle, tail
