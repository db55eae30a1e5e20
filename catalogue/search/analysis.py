"""Whoosh analysis for the four languages: a tokenizer that keeps Persian words whole,
folding, Persian compounds, Snowball stemming (PyStemmer) and name skeletons.

Every analyzer here is pickled into the index's schema, so its classes must stay importable
under these names; changing what they produce means bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain
from typing import Any

import Stemmer  # type: ignore[import-not-found]  # PyStemmer: C Snowball, ~150x Whoosh's for ru
from whoosh.analysis import Filter, Token, Tokenizer

from catalogue.text import ARABIC_WORD, fold, skeleton, words

__all__ = [
    "CompoundFilter",
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
_arabic_word = ARABIC_WORD.fullmatch
_SEPARATORS = " \t\n\r\f\v\u00a0\u200c\u200d\u200e\u200f\u061c"


class WordTokenizer(Tokenizer):  # type: ignore[misc]
    """Words in every script, Persian ones whole, with offsets into the original text.

    Arabic-script letters stay together with their harakat, tatweel and ZWNJ (the stock
    ``\\w+`` tokenizer splits a vocalised word such as تَوکهخان into letters); Latin and
    Cyrillic words and numbers are tokens too. Text is not changed here: ``startchar`` and
    ``endchar`` index the original, so highlights show it as written, and FoldFilter folds.

    Each token also gets ``adjacent``: True when only whitespace or joiners separate it from
    the previous token (CompoundFilter joins only such runs). With ``names=True`` apostrophes
    and hyphens inside a word do not split it (Abu'l-Khair), as in ``catalogue.text.skeleton``.
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
            token.adjacent = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        previous_end = -1
        for pos, match in enumerate(words(value, names=self.names), start_pos):
            start, end = match.span()
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            token.adjacent = previous_end >= 0 and not value[previous_end:start].strip(_SEPARATORS)
            previous_end = end
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class FoldFilter(Filter):  # type: ignore[misc]
    """Folds each token with ``catalogue.text.fold`` (case, Persian letters and marks, ё/е,
    digits); a token that folds to nothing (a lone mark) is dropped."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            text = _cached_fold(token.text)
            if text:
                token.text = text
                yield token


class CompoundFilter(Filter):  # type: ignore[misc]
    """At index time, also emits each window of 2 and 3 adjacent Persian words joined.

    A Persian compound is written with a ZWNJ (حمل‌ونقل), joined (حملونقل) or with spaces
    (حمل و نقل). The tokenizer keeps a ZWNJ compound as one token and FoldFilter removes the
    ZWNJ, so the first two forms index (and query) as حملونقل. For the spaced form this filter
    adds حملو, حملونقل and ونقل, each stacked at the position of the window's first word, so
    positions and phrase queries are undisturbed and a query حملونقل or حمل‌ونقل finds it. The
    other direction, a spaced query finding joined text, is the query side's: it also tries
    ``catalogue.text.persian_compounds`` of its run of words (the same windows).

    Runs break at anything but whitespace between words (punctuation, a Latin word, a number).
    Tokens must be folded (place after FoldFilter). In query mode (``mode="query"``, which the
    query parser passes) it does nothing, so the schema can use the index-time analyzer.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        # Like Whoosh's tokenizers, this yields one reused Token object (``out``) for the words
        # it held back, so a run is buffered as plain tuples rather than Token copies. The run
        # holds at most 3 words; its first is emitted, with its compounds, when it is full or
        # ends (a None after the last token ends the last run).
        run: list[tuple[str, int, int, int, float]] = []  # text, pos, startchar, endchar, boost
        out: Any = None
        for token in chain(tokens, (None,)):
            if token is None:  # the end: emit what is held
                heads, after = len(run), "nothing"
            elif token.mode == "query":
                yield token
                continue
            elif _arabic_word(token.text) is None:  # a run ends before a non-Persian token
                heads, after = len(run), "pass"
            elif run and getattr(token, "adjacent", True):  # a run goes on
                run.append(_values(token))
                heads, after = (1 if len(run) == 3 else 0), "nothing"
            else:  # a run starts
                heads, after = len(run), "hold"
            for _ in range(heads):
                text, pos, startchar, endchar, boost = run[0]
                out.text, out.boost, out.stopped = text, boost, False
                if out.positions:
                    out.pos = pos
                if out.chars:
                    out.startchar, out.endchar = startchar, endchar
                yield out
                for following in run[1:3]:
                    out.text += following[0]
                    if out.chars:
                        out.endchar = following[3]
                    yield out
                del run[0]
            if after == "pass":
                yield token
            elif after == "hold":
                if out is None:
                    out = token.copy()
                    out.original = None  # a kept original would be wrong for compounds
                run.append(_values(token))


def _values(token: Any) -> tuple[str, int, int, int, float]:
    return (
        token.text,
        token.pos if token.positions else 0,
        token.startchar if token.chars else 0,
        token.endchar if token.chars else 0,
        token.boost,
    )


class SnowballFilter(Filter):  # type: ignore[misc]
    """Snowball stemming with PyStemmer (``lang`` is a PyStemmer algorithm: "english", ...).

    For Russian, words in -пись keep their stem: Snowball reads the -сь of рукопись, летопись,
    надпись, опись as a reflexive verb ending (рукопись → рукоп, but рукописи → рукопис).
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._stem = self._stemmer()

    def _stemmer(self) -> Callable[[str], str]:
        stemmer = Stemmer.Stemmer(self.lang)
        stemmer.maxCacheSize = 0  # the C-level lru_cache below is cheaper per call
        stem: Callable[[str], str] = lru_cache(maxsize=100_000)(stemmer.stemWord)
        return stem

    # The stemmer is a C object: pickle (into the index's schema) the language only.
    def __getstate__(self) -> dict[str, Any]:
        return {"lang": self.lang}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lang = state["lang"]
        self._stem = self._stemmer()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and getattr(other, "lang", None) == self.lang

    def __hash__(self) -> int:
        return hash((type(self), self.lang))

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        stem = self._stem
        if self.lang != "russian":
            for token in tokens:
                token.text = stem(token.text)
                yield token
            return
        for token in tokens:
            text = token.text
            token.text = text[:-1] if text.endswith("пись") else stem(text)
            yield token


class SkeletonFilter(Filter):  # type: ignore[misc]
    """Replaces each token with its consonant skeleton (``catalogue.text.skeleton``); tokens
    with no consonant are dropped."""

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
    position, so positions and phrase queries are undisturbed. Stacked variants of a word
    (CompoundFilter's joined compounds, at the same position) are not paired. Inert in query
    mode, like CompoundFilter.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        previous: str | None = None
        previous_pos = previous_start = -1
        for token in tokens:
            if token.mode == "query" or not token.positions:  # pairs need positions
                yield token
                continue
            pos = token.pos
            if pos == previous_pos:  # a stacked variant of the word just seen
                yield token
                continue
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

    ``index_time=True`` adds CompoundFilter, which is inert at query time, so that analyzer
    can serve both sides of one schema field; ``False`` is tokenize and fold only.
    """
    analyzer = WordTokenizer() | FoldFilter()
    return analyzer | CompoundFilter() | PairFilter() if index_time else analyzer


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
