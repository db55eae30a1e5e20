"""Whoosh analysis for the four languages: a tokenizer that keeps Persian words whole,
folding, word pairs, Snowball stemming (PyStemmer) and name skeletons. (Persian compounds
are the query side's: ``catalogue.search.compounds``.)

Every analyzer here is pickled into the index's schema, so its classes must stay importable
under these names; changing what they produce means bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import Stemmer  # type: ignore[import-not-found]  # PyStemmer: C Snowball, ~150x Whoosh's for ru
from whoosh.analysis import Filter, Token, Tokenizer

from catalogue.language.text import fold, skeleton, words

__all__ = [
    "FoldFilter",
    "PairFilter",
    "SkeletonFilter",
    "SnowballFilter",
    "WordTokenizer",
    "english_analyzer",
    "kazakh_analyzer",
    "name_analyzer",
    "pair_term",
    "persian_analyzer",
    "russian_analyzer",
    "skeleton_analyzer",
]

# Word frequencies follow Zipf's law: a bounded cache answers most tokens of a corpus.
_cached_fold = lru_cache(maxsize=100_000)(fold)
_cached_skeleton = lru_cache(maxsize=50_000)(skeleton)


class WordTokenizer(Tokenizer):  # type: ignore[misc]
    """Words in every script, Persian ones whole, with offsets into the original text.

    Arabic-script letters stay together with their harakat, tatweel and ZWNJ (the stock
    ``\\w+`` tokenizer splits a vocalised word such as تَوکهخان into letters); Latin and
    Cyrillic words and numbers are tokens too. Text is not changed here: ``startchar`` and
    ``endchar`` index the original, so highlights show it as written, and FoldFilter folds.

    With ``names=True`` apostrophes and hyphens inside a word do not split it (Abu'l-Khair), as
    in ``catalogue.language.text.skeleton``.
    """

    def __init__(self, names: bool = False) -> None:
        self.names = names

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), self.names))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for pos, match in enumerate(words(value, names=self.names), start_pos):
            start, end = match.span()
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class FoldFilter(Filter):  # type: ignore[misc]
    """Folds each token with ``catalogue.language.text.fold`` (case, Persian letters and marks, ё/е,
    digits); a token that folds to nothing (a lone mark) is dropped."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            text = _cached_fold(token.text)
            if text:
                token.text = text
                yield token


class SnowballFilter(Filter):  # type: ignore[misc]
    """Snowball stemming with PyStemmer (``lang`` is a PyStemmer algorithm: "english", ...).

    For Russian, words in -пись keep their stem: Snowball reads the -сь of рукопись, летопись,
    надпись, опись as a reflexive verb ending (рукопись → рукоп, but рукописи → рукопис).
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stem = self._stemmer()

    def _stemmer(self) -> Callable[[str], str]:
        """One folded word's stem, cached (the -пись rule included); used by ``__call__`` and
        by the bulk rebuild (``catalogue.search.engine.bulk``)."""
        stemmer = Stemmer.Stemmer(self.lang)
        stemmer.maxCacheSize = 0  # the C-level lru_cache below is cheaper per call
        snowball: Callable[[str], str] = stemmer.stemWord
        if self.lang != "russian":
            return lru_cache(maxsize=100_000)(snowball)

        def russian(text: str) -> str:
            return text[:-1] if text.endswith("пись") else snowball(text)

        return lru_cache(maxsize=100_000)(russian)

    # The stemmer is a C object: pickle (into the index's schema) the language only.
    def __getstate__(self) -> dict[str, Any]:
        return {"lang": self.lang}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lang = state["lang"]
        self.stem = self._stemmer()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and getattr(other, "lang", None) == self.lang

    def __hash__(self) -> int:
        return hash((type(self), self.lang))

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        stem = self.stem
        for token in tokens:
            token.text = stem(token.text)
            yield token


class SkeletonFilter(Filter):  # type: ignore[misc]
    """Replaces each token with its consonant skeleton (``language.text.skeleton``); tokens with
    no consonant are dropped."""

    is_morph = True

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            text = _cached_skeleton(token.text)
            if text:
                token.text = text
                yield token


PAIR_MARK = "\x1f"  # starts a pair term: sorts before every word, so no prefix of one matches it


def pair_term(first: str, second: str) -> str:
    """The index term for two words that follow each other (as the field analyses them)."""
    return f"{PAIR_MARK}{first}{PAIR_MARK}{second}"


class PairFilter(Filter):  # type: ignore[misc]
    """At index time, also emits each pair of consecutive words as one term (``pair_term``).

    A phrase query then needs no positions to find its candidates: "a b c" is the documents
    holding both pairs a·b and b·c, one posting-list intersection, where Whoosh's own phrase
    matching decodes the positions of every word in every document that has all three (very
    slow for frequent words such as Persian و). The pair is stacked at the first word's
    position, so positions and phrase queries are undisturbed; they also let a Persian word
    typed joined find it written with spaces (``catalogue.search.compounds``). Inert in query
    mode, so the schema's field can use the index-time analyzer on both sides.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        previous: str | None = None
        previous_pos = previous_start = -1
        for token in tokens:
            if token.mode == "query" or not token.positions:  # pairs need positions
                yield token
                continue
            pos = token.pos
            text = token.text
            start = token.startchar if token.chars else -1
            yield token
            if previous is not None and pos == previous_pos + 1:
                token.text = pair_term(previous, text)
                token.pos = previous_pos
                if token.chars:  # the pair spans both words
                    token.startchar = previous_start
                yield token
                token.text = text
                token.pos = pos
                if token.chars:
                    token.startchar = start
            previous, previous_pos, previous_start = text, pos, start


def persian_analyzer(index_time: bool) -> Any:
    """Persian, unstemmed (Persian stemmers damage this domain: خان → خ, ایران → ایر).

    ``index_time=True`` adds PairFilter, which is inert at query time, so that analyzer can
    serve both sides of one schema field; ``False`` is tokenize and fold only. Compounds
    written with spaces are found through the pairs (``catalogue.search.compounds``).
    """
    analyzer = WordTokenizer() | FoldFilter()
    return analyzer | PairFilter() if index_time else analyzer


def russian_analyzer() -> Any:
    """Russian: folded (ё→е), Snowball-stemmed, no stop words."""
    return WordTokenizer() | FoldFilter() | SnowballFilter("russian") | PairFilter()


def english_analyzer() -> Any:
    """English: folded, Snowball-stemmed (running → run; Whoosh's StemmingAnalyzer: runn)."""
    return WordTokenizer() | FoldFilter() | SnowballFilter("english") | PairFilter()


def kazakh_analyzer() -> Any:
    """Kazakh: folded, unstemmed (Snowball has no Kazakh); the query side matches by prefix."""
    return WordTokenizer() | FoldFilter() | PairFilter()


def name_analyzer() -> Any:
    """Names in any script: folded, unstemmed."""
    return WordTokenizer() | FoldFilter()


def skeleton_analyzer() -> Any:
    """Names reduced to consonant skeletons, one per word (Tauke, Тәуке, توکه → tk)."""
    return WordTokenizer(names=True) | FoldFilter() | SkeletonFilter()
