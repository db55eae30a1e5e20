"""Which documents a query matches, as sets of document numbers read from posting lists.

Whoosh finds matches by walking matchers one document at a time in Python, which is what
made counting every match (the total and seven facets) cost hundreds of milliseconds at
50,000 documents. Here a query's matches are computed as sets instead: a term's posting list
is read block by block (the document numbers of a block are one array), and the query tree is
evaluated with C-speed set operations. Queries this module does not take apart (phrases, and
any other kind) fall back to Whoosh's own matcher, so every query still gets an exact answer.

Everything is per segment ("leaf"): an index has one segment after a rebuild and a few more
after curators' edits, and a leaf's document numbers plus its offset are the searcher's.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any, TypeVar, cast

from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    MultiTerm,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Query,
    Require,
    Term,
)
from whoosh.query import Not as NotQuery
from whoosh.searching import Searcher

from catalogue.search.analysis import pair_term
from catalogue.search.schema import TEXT_FIELDS

__all__ = ["PAIRED_FIELDS", "leaves", "matching", "pairs_query", "posting_ids", "segment_cached"]

PAIRED_FIELDS = frozenset(TEXT_FIELDS)  # fields whose analyzer ends with a PairFilter

T = TypeVar("T")


def leaves(searcher: Searcher) -> list[tuple[Searcher, int]]:
    """Each segment's searcher with the number of its first document in ``searcher``."""
    return list(searcher.leaf_searchers())


def posting_ids(matcher: Matcher) -> set[int]:
    """The document numbers of a fresh term matcher, read a block at a time where possible.

    Whoosh 2.7's on-disk matcher keeps a block's numbers in ``_ids`` (read by ``_read_ids``)
    and moves on with ``_next_block``; a matcher without them is walked the slow, public way.
    A segment with deletions wraps its matchers in a FilterMatcher holding the deleted set.
    """
    deleted: frozenset[int] | set[int] = frozenset()
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        deleted = matcher._ids
        matcher = matcher.child
    if not (hasattr(matcher, "_next_block") and hasattr(matcher, "_read_ids")):
        return set(matcher.all_ids()) - deleted
    ids: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids)
        matcher._next_block()
    found = set(ids)
    return found - deleted if deleted else found


def _term(leaf: Searcher, fieldname: str, text: Any) -> set[int]:
    reader = leaf.reader()
    if fieldname not in leaf.schema:
        return set()
    try:
        btext = leaf.schema[fieldname].to_bytes(text)
    except ValueError:  # not a value this field can hold (a word in a numeric field)
        return set()
    if (fieldname, btext) not in reader:
        return set()
    return posting_ids(reader.postings(fieldname, btext))


def pairs_query(phrase: Phrase) -> Query:
    """The pair terms whose documents are a phrase's candidates (see analysis.PairFilter)."""
    words = [str(word) for word in phrase.words]
    if len(words) == 1:
        return Term(phrase.fieldname, words[0], boost=phrase.boost)
    pairs = [
        Term(phrase.fieldname, pair_term(first, second), boost=phrase.boost)
        for first, second in pairwise(words)
    ]
    return pairs[0] if len(pairs) == 1 else And(pairs)


def _phrase(query: Phrase, leaf: Searcher) -> set[int]:
    words = [str(word) for word in query.words]
    if query.fieldname in PAIRED_FIELDS:
        # Pairs, at their first word's position: a·b, b·c, ... at p, p+1, ...
        terms = [pair_term(a, b) for a, b in pairwise(words)] or words
    else:
        terms = words
    candidates = matching(And([Term(query.fieldname, term) for term in terms]), leaf)
    if len(terms) == 1 or not candidates or len(words) < 2:
        return candidates  # one term is the phrase itself (one word, or one pair)
    # Check positions, read straight from the posting blocks of the candidates only.
    starts: set[int] | None = None
    found = set(candidates)
    per_term = [_positions(leaf, query.fieldname, term, candidates) for term in terms]
    for docnum in candidates:
        starts = None
        for offset, positions in enumerate(per_term):
            shifted = {position - offset for position in positions.get(docnum, ())}
            starts = shifted if starts is None else starts & shifted
            if not starts:
                found.discard(docnum)
                break
    return found


def _positions(
    leaf: Searcher, fieldname: str, text: str, docnums: set[int]
) -> dict[int, list[int]]:
    """Positions of a term in some documents, decoded only for those documents."""
    reader = leaf.reader()
    btext = leaf.schema[fieldname].to_bytes(text)
    if (fieldname, btext) not in reader:
        return {}
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    decode = leaf.schema[fieldname].format.decode_positions
    out: dict[int, list[int]] = {}
    if not (hasattr(matcher, "_next_block") and hasattr(matcher, "_read_values")):
        for docnum in sorted(docnums):  # any other matcher: the public, slower way
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                out[docnum] = matcher.value_as("positions")
        return out
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids = matcher._ids
        wanted = [i for i, docnum in enumerate(ids) if docnum in docnums]
        if wanted:
            if matcher._values is None:
                matcher._read_values()
            for i in wanted:
                out[ids[i]] = decode(matcher._values[i])
        matcher._next_block()
    return out


def _column_range(leaf: Searcher, query: NumericRange) -> set[int]:
    # A numeric column sorted once per segment: a range is then two bisections and a slice.
    values, docnums = segment_cached(leaf, f"range:{query.fieldname}", _sorted_column(query))
    low = 0
    if query.start is not None:
        low = (bisect_right if query.startexcl else bisect_left)(values, query.start)
    high = len(values)
    if query.end is not None:
        high = (bisect_left if query.endexcl else bisect_right)(values, query.end)
    found = set(docnums[low:high])
    reader = leaf.reader()
    if found and reader.has_deletions():  # columns keep deleted documents' values
        found -= _deleted(reader)
    return found


def _deleted(reader: Any) -> set[int]:
    perdoc = getattr(reader, "_perdoc", None)  # Whoosh 2.7 keeps the deleted set there
    if perdoc is not None and hasattr(perdoc, "deleted_docs"):
        return set(perdoc.deleted_docs())
    return set(range(reader.doc_count_all())) - set(reader.all_doc_ids())


def _sorted_column(query: NumericRange) -> Callable[[Searcher], tuple[list[Any], list[int]]]:
    def build(leaf: Searcher) -> tuple[list[Any], list[int]]:
        column = list(leaf.reader().column_reader(query.fieldname))
        docnums = sorted(range(len(column)), key=column.__getitem__)
        return [column[docnum] for docnum in docnums], docnums

    return build


def _all(leaf: Searcher) -> set[int]:
    return set(leaf.reader().all_doc_ids())


def _union(parts: Iterable[set[int]]) -> set[int]:
    out: set[int] = set()
    for part in parts:
        out |= part
    return out


def matching(query: Query, leaf: Searcher) -> set[int]:
    """The documents of one segment (``leaf``, from ``leaves``) that ``query`` matches."""
    if isinstance(query, Term):
        return _term(leaf, query.fieldname, query.text)
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return set()
    if isinstance(query, Every):
        return _all(leaf)
    if isinstance(query, And | Require):
        result: set[int] | None = None
        negated: list[Query] = []
        for sub in query.subqueries:
            if isinstance(sub, NotQuery):
                negated.append(sub.query)
                continue
            found = matching(sub, leaf)
            result = found if result is None else result & found
            if not result:
                return set()
        result = _all(leaf) if result is None else result
        for sub in negated:
            result -= matching(sub, leaf)
        return result
    if isinstance(query, Or):
        return _union(matching(sub, leaf) for sub in query.subqueries)
    if isinstance(query, AndNot):
        return matching(query.a, leaf) - matching(query.b, leaf)
    if isinstance(query, AndMaybe):
        return matching(query.a, leaf)
    if isinstance(query, NotQuery):
        return _all(leaf) - matching(query.query, leaf)
    if isinstance(query, NumericRange):
        # From the field's column (Whoosh 2.7's own range terms go wrong on unsigned fields).
        if leaf.schema[query.fieldname].column_type is None:  # not declared sortable
            raise ValueError(f"numeric ranges need a sortable field, not {query.fieldname!r}")
        if not leaf.reader().has_column(query.fieldname):
            # No document of this segment has a value (a curator's save of an undated record
            # makes such a segment): none is in any range.
            return set()
        return _column_range(leaf, query)
    if isinstance(query, MultiTerm):
        # Prefix, wildcard, fuzzy and term ranges: the terms they stand for in this segment
        # (``_btexts``; ``simplify`` would do the same but fails on fuzzy terms in Whoosh 2.7).
        fieldname = query.field()
        return _union(_term(leaf, fieldname, text) for text in query._btexts(leaf.reader()))
    if isinstance(query, Phrase) and query.fieldname in PAIRED_FIELDS and query.slop == 1:
        return _phrase(query, leaf)
    # Anything else: Whoosh's own matcher, document by document.
    return set(query.matcher(leaf).all_ids())


# --- Per-segment caches --------------------------------------------------------------------------

_SEGMENTS_CACHED = 16  # a few big segments and curators' small ones, for a few readers
_cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
_cache_lock = threading.Lock()


def segment_cached(leaf: Searcher, name: str, build: Callable[[Searcher], T]) -> T:
    """``build(leaf)``, computed once per segment and kept while the segment is in use.

    A Whoosh segment never changes once written (deletions aside, which the sets here do not
    need: deleted documents never match), so what is derived from it can be kept under its
    identifier; merged-away segments fall out of the least-recently-used cache.
    """
    reader = leaf.reader()
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is None:
        return build(leaf)
    key = (segment.segment_id(), name)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return cast(T, _cache[key])
    value = build(leaf)
    with _cache_lock:
        _cache[key] = value
        while len(_cache) > _SEGMENTS_CACHED * 4:
            _cache.popitem(last=False)
    return value
