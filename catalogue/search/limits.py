"""What one search may cost: edit distance, pattern length, term expansions and time.

Anyone may search, so no query may hold a worker. Fuzzy terms (``~``) cost a Levenshtein
automaton per field and segment, exponential in the distance: ``abcdefghijklmnopqrst~6`` held
a worker for 205 s, ``tauke~99`` for 4 s. Wildcards and prefixes cost one posting list per
word they stand for: ``**********`` stood for every word of every field (8,000 in the shipped
catalogue) in matching, scoring and highlighting alike, 2.3 s. So a fuzzy term is at most
two edits from a word of at most ``MAX_FUZZY_LETTERS`` letters, a pattern is short, every
pattern of a query shares one allowance of words (``MAX_EXPANSIONS``), and a search past its
time (``SEARCH_SECONDS``) stops at the next stage with what it has (``query._search``).

Whoosh's own ``TimeLimitCollector`` cannot do the last: it arms SIGALRM (only possible on a
server's main thread) and only watches its collector, while matching here is done on sets
(``docsets``) and never reaches a collector.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from whoosh.query import (
    Every,
    FuzzyTerm,
    MultiTerm,
    Or,
    Prefix,
    Query,
    Regex,
    Term,
    TermRange,
    Wildcard,
)

from catalogue.language.messages import N_, Message

__all__ = [
    "MAX_EDIT_DISTANCE",
    "MAX_EXPANSIONS",
    "MAX_FUZZY_LETTERS",
    "MAX_PATTERN_LETTERS",
    "MAX_PATTERN_STARS",
    "SEARCH_SECONDS",
    "Limits",
    "bounded",
]

MAX_EDIT_DISTANCE = 2  # Lucene's bound too: beyond two edits nearly every word is "close"
MAX_FUZZY_LETTERS = 20  # a longer word with ~ is searched as written
# A fuzzy term shares its first letter with what it finds: the automaton then walks only the
# words beginning with that letter, not the whole vocabulary of the field (and a misspelt
# first letter is the rarest misspelling).
MIN_FUZZY_PREFIX = 1
MAX_PATTERN_LETTERS = 40  # of a wildcard pattern, wildcards included
MAX_PATTERN_STARS = 3  # each * after the first multiplies the work of matching one word
MAX_EXPANSIONS = 500  # words all the patterns, prefixes and fuzzy terms of a query stand for
SEARCH_SECONDS = 1.0  # after this, a search answers with what it has

# The notices a reader sees (translated in app/translations).
DISTANCE_NOTICE = N_(
    "a close match (~) allows at most %(most)s changed letters; %(most)s were used"
)
LONG_WORD_NOTICE = N_(
    "words longer than %(letters)s letters, or patterns with more than %(stars)s asterisks, "
    "are not matched approximately; they were searched as written"
)
EXPANSIONS_NOTICE = N_(
    "the patterns and close matches stand for too many words; "
    "the results are for the first %(count)s of them"
)
TIME_NOTICE = N_("the search took too long and was cut short; the results may be incomplete")


class Limits:
    """One search's allowance: words its patterns may expand to, and the moment it must end."""

    def __init__(
        self,
        expansions: int = MAX_EXPANSIONS,
        seconds: float = SEARCH_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.expansions_left = expansions
        self.allowed = expansions
        self.spent = 0  # words expanded to, over every reading of the query
        self.clock = clock
        self.deadline = clock() + seconds
        self.notices: dict[str, Message] = {}  # in order, once each

    def expired(self) -> bool:
        """Whether the search is past its time (noting it for the reader)."""
        if self.clock() < self.deadline:
            return False
        self.note(Message(TIME_NOTICE))
        return True

    def spend(self) -> bool:
        """Take one word from the allowance; False (and noted) when none is left."""
        if self.expansions_left <= 0:
            self.note(Message(EXPANSIONS_NOTICE, count=self.allowed))
            return False
        self.expansions_left -= 1
        self.spent += 1
        return True

    def note(self, message: Message) -> None:
        """Tell the reader, once, how the query was limited."""
        self.notices.setdefault(message, message)

    def refill(self) -> None:
        """A new allowance of words (for a second reading of the query), with the same time."""
        self.expansions_left = self.allowed


class _Bounded(MultiTerm):  # type: ignore[misc]
    """A pattern, prefix, range or fuzzy term that expands once per reader, within a budget."""

    limits: Limits
    _expanded: dict[int, list[Any]]
    _base: ClassVar[type[MultiTerm]]

    @classmethod
    def wrap(cls, node: MultiTerm, limits: Limits) -> Query:
        """The same query, expanding within ``limits``."""
        made = copy.copy(node)
        made.__class__ = cls
        made.limits = limits
        made._expanded = {}
        return made

    def _btexts(self, ixreader: Any) -> list[Any]:
        # Matching, scoring and highlighting each ask for the words; they are found once per
        # reader (the readers live as long as the search).
        found = self._expanded.get(id(ixreader))
        if found is None:
            found = []
            words: Iterable[Any] = (
                () if self.limits.expired() else self._base._btexts(self, ixreader)
            )
            for word in words:
                if self.limits.expired() or not self.limits.spend():
                    break
                found.append(word)
            self._expanded[id(ixreader)] = found
        return found


class _BoundedFuzzy(_Bounded, FuzzyTerm):  # type: ignore[misc]
    _base = FuzzyTerm


class _BoundedWildcard(_Bounded, Wildcard):  # type: ignore[misc]
    _base = Wildcard


class _BoundedPrefix(_Bounded, Prefix):  # type: ignore[misc]
    _base = Prefix


class _BoundedRegex(_Bounded, Regex):  # type: ignore[misc]
    _base = Regex


class _BoundedRange(_Bounded, TermRange):  # type: ignore[misc]
    _base = TermRange


_WRAPPERS: dict[type[Query], type[_Bounded]] = {
    FuzzyTerm: _BoundedFuzzy,
    Wildcard: _BoundedWildcard,
    Prefix: _BoundedPrefix,
    Regex: _BoundedRegex,
    TermRange: _BoundedRange,
}

_STARS = re.compile(r"\*{2,}")


def _as_written(node: MultiTerm, text: str, limits: Limits) -> Query:
    limits.note(Message(LONG_WORD_NOTICE, letters=MAX_FUZZY_LETTERS, stars=MAX_PATTERN_STARS))
    return Term(node.fieldname, text, boost=node.boost)


def _fuzzy(node: FuzzyTerm, limits: Limits) -> Query:
    text = str(node.text)
    if len(text) > MAX_FUZZY_LETTERS:
        return _as_written(node, text, limits)
    if node.maxdist > MAX_EDIT_DISTANCE:
        limits.note(Message(DISTANCE_NOTICE, most=MAX_EDIT_DISTANCE))
    fuzzy = FuzzyTerm(
        node.fieldname,
        text,
        boost=node.boost,
        maxdist=min(node.maxdist, MAX_EDIT_DISTANCE),
        prefixlength=min(len(text), max(node.prefixlength, MIN_FUZZY_PREFIX)),
        constantscore=node.constantscore,
    )
    return _BoundedFuzzy.wrap(fuzzy, limits)


def _wildcard(node: Wildcard, limits: Limits) -> Query:
    pattern = _STARS.sub("*", str(node.text))  # ** is *, and a** costs far more than a*
    if len(pattern) > MAX_PATTERN_LETTERS or pattern.count("*") > MAX_PATTERN_STARS:
        return _as_written(node, pattern.replace("*", "").replace("?", ""), limits)
    simpler = Wildcard(node.fieldname, pattern, boost=node.boost).normalize()
    wrapper = _WRAPPERS.get(type(simpler))
    # "*" alone is every document, and a pattern without wildcards a word: nothing to expand.
    return wrapper.wrap(simpler, limits) if wrapper is not None else simpler


def bounded(query: Query, limits: Limits) -> Query:
    """``query`` with every pattern, prefix, range and fuzzy term held to ``limits``."""

    def bound(node: Query) -> Query:
        if isinstance(node, _Bounded):
            return node
        if isinstance(node, Every):
            # A field's "every" is every document with a word in it, found by reading every
            # posting list of the field; a lone * means the whole catalogue, as an empty query.
            return Every()
        if (
            isinstance(node, Or)
            and node.subqueries
            and all(isinstance(sub, Every) for sub in node.subqueries)
        ):
            return Every()
        if type(node) is FuzzyTerm:
            return _fuzzy(node, limits)
        if type(node) is Wildcard:
            return _wildcard(node, limits)
        wrapper = _WRAPPERS.get(type(node))
        return wrapper.wrap(node, limits) if wrapper is not None else node

    return query.accept(bound)
