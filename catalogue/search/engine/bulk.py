"""Full rebuilds without Whoosh's general-purpose writer: segments written directly.

Whoosh's ``SegmentWriter`` analyses each field through a chain of generators, pickles every
posting into a pool, spills sorted runs to temporary files and merges them back with a heap,
then asks the per-document writer for each posting's field length: about 25 ms of Python per
document of the benchmark's shape (~300 words in four languages, with their word pairs), so
50,000 documents took over ten minutes. A rebuild knows every document up front, so
this module does the same work in the cheapest order:

- ``analyse`` produces, for the text fields, exactly the terms and positions of the fields'
  Whoosh analyzers (``catalogue.search.analysis``), in one loop over the words and with the
  same caches; the other fields (ids, keywords, numbers) still go through ``field.index``;
- postings are gathered in memory per field and term, sorted once, and written in Whoosh 3's
  own block format (``catalogue.search.engine.postings``), so every reader, matcher and merge works
  on the result unchanged; stored fields, lengths and columns go through Whoosh's
  per-document writer;
- with ``procs > 1`` each process (forked, so the documents are not copied) writes one segment
  of a contiguous share of the documents, and the table of contents lists them all.

Tests (tests/catalogue/search/engine/test_bulk.py) check the analysis against the Whoosh analyzers
term by term, and a bulk-built index against one built by ``SegmentWriter`` posting by posting.
"""

from __future__ import annotations

import gc
import multiprocessing
import struct
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from operator import add
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import FieldType, Schema
from whoosh.filedb.filestore import Storage
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

from catalogue.language.text import NAME_WORD, WORD
from catalogue.search.analysis import (
    PAIR_MARK,
    FoldFilter,
    PairFilter,
    SkeletonFilter,
    SnowballFilter,
    WordTokenizer,
    _cached_fold,
    _cached_skeleton,
)
from catalogue.search.engine.postings import Postings, write_field

__all__ = ["FieldAnalysis", "analyse", "build_segments", "field_analysis"]

_PACK_USHORT = struct.Struct("!H").pack


class FieldAnalysis:
    """What a text field's analyzer does, read off its filter chain."""

    def __init__(
        self, names: bool, stem: Callable[[str], str] | None, pairs: bool, skeleton: bool
    ) -> None:
        self.names = names
        self.stem = stem
        self.pairs = pairs
        self.skeleton = skeleton


def field_analysis(field: FieldType) -> FieldAnalysis | None:
    """The fast path for a field whose analyzer is one of ours, or None (use ``field.index``)."""
    if type(field.format) is not Positions:
        return None
    items = getattr(field.analyzer, "items", None)
    if not items or type(items[0]) is not WordTokenizer:
        return None
    kinds = [type(item) for item in items[1:]]
    order = [FoldFilter, SnowballFilter, SkeletonFilter, PairFilter]
    if not kinds or kinds[0] is not FoldFilter or [k for k in order if k in kinds] != kinds:
        return None  # a filter, or an order, this loop does not reproduce
    stemmer = next((item for item in items if isinstance(item, SnowballFilter)), None)
    return FieldAnalysis(
        names=items[0].names,
        stem=stemmer.stem if stemmer is not None else None,
        pairs=PairFilter in kinds,
        skeleton=SkeletonFilter in kinds,
    )


def analyse(value: str, how: FieldAnalysis) -> defaultdict[str, list[int]]:
    """Term -> positions (in the order the Whoosh analyzer emits them).

    The same tokens as the analyzer's chain: words (``language.text.words``), folded; stemmed
    or reduced to skeletons where the field does; a pair term for each two consecutive
    positions (a word that folds to nothing leaves a gap, as in the tokenizer's numbering).
    In the usual case (no word vanishes) every step is a ``map`` over all the words, so no
    Python code runs per word.
    """
    words = (NAME_WORD if how.names else WORD).findall(value)
    texts = list(map(_cached_fold, words))
    if how.stem is not None:
        texts = list(map(how.stem, texts))
    if how.skeleton:
        texts = list(map(_cached_skeleton, texts))
    terms: defaultdict[str, list[int]] = defaultdict(list)
    if not all(texts):
        return _analyse_with_gaps(texts, how.pairs, terms)
    count = len(texts)
    _consume(map(list.append, map(terms.__getitem__, texts), range(count)))
    if how.pairs and count > 1:
        marked = list(map(PAIR_MARK.__add__, texts))
        pairs = map(add, marked[:-1], marked[1:])
        _consume(map(list.append, map(terms.__getitem__, pairs), range(count - 1)))
    return terms


def _consume(iterator: Iterator[Any]) -> None:
    deque(iterator, maxlen=0)


def _analyse_with_gaps(
    texts: list[str], pairs: bool, terms: defaultdict[str, list[int]]
) -> defaultdict[str, list[int]]:
    """``analyse`` when some words fold to nothing: they keep their position numbers, and no
    pair spans them."""
    previous = ""
    previous_pos = -2
    for pos, text in enumerate(texts):
        if not text:
            continue
        terms[text].append(pos)
        if pairs and pos == previous_pos + 1:
            terms[PAIR_MARK + previous + PAIR_MARK + text].append(previous_pos)
        previous, previous_pos = text, pos
    return terms


# -- one segment -------------------------------------------------------------------------------


_POSITIONS = Positions()


class _OnePosition(dict[int, bytes]):
    """position -> ``Positions.encode([position])``, computed once (most postings)."""

    def __missing__(self, pos: int) -> bytes:
        encoded: bytes = _POSITIONS.encode([pos])
        self[pos] = encoded
        return encoded


_one_position = _OnePosition()


class SegmentBuilder:
    """Builds one segment from documents given as Whoosh field dicts, in order."""

    def __init__(self, storage: Storage, indexname: str, schema: Schema) -> None:
        self.storage = storage
        self.schema = schema
        self.codec = W3Codec()
        self.segment = self.codec.new_segment(storage, indexname)
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        self.postings: dict[str, Postings] = {}
        self.fast: dict[str, FieldAnalysis | None] = {
            name: field_analysis(field) for name, field in schema.items() if field.indexed
        }

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document (``SegmentWriter.add_document``'s field dict; no boosts)."""
        perdoc = self.perdoc
        docnum = self.docnum
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = self.schema[name]
            length = 0
            if field.indexed:
                how = self.fast[name]
                postings = self.postings.get(name)
                if postings is None:
                    postings = self.postings[name] = Postings(field)
                terms = postings.terms
                if how is not None:
                    positions_of = analyse(value, how)
                    length = sum(map(len, positions_of.values()))
                    boost = postings.boost
                    one = _one_position
                    for text, positions in positions_of.items():
                        if len(positions) == 1:
                            terms[text].append((docnum, boost, one[positions[0]]))
                        else:
                            terms[text].append(
                                (docnum, len(positions) * boost, _POSITIONS.encode(positions))
                            )
                else:
                    for btext, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        terms[btext].append((docnum, weight, vbytes))
                if field.scorable and length:
                    lbyte = length_to_byte(length)
                    postings.lengths[docnum] = byte_to_length(lbyte) if lbyte else None
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum += 1

    def finish(self) -> Any:
        """Write the segment's files; returns the segment (for the table of contents)."""
        self.perdoc.close()
        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        postfile = fieldwriter._postfile
        tindex = fieldwriter._tindex
        fieldmap = fieldwriter._fieldmap
        for fieldid, name in enumerate(sorted(self.postings)):
            fieldmap[name] = fieldid
            write_field(self.postings[name], _PACK_USHORT(fieldid), postfile, tindex)
        fieldwriter.close()
        self.segment.set_doc_count(self.docnum)
        # One compound file per segment, as Whoosh's writer makes: readers map it once instead
        # of holding a file handle per part (which a reader left to the collector would leak).
        self.segment.create_compound_file(self.storage)
        return self.segment


# -- several segments --------------------------------------------------------------------------

# The job of forked builders: set before the fork, read by the children (never pickled).
_job: tuple[Storage, str, Schema, Sequence[Any], Callable[[Any], dict[str, Any]]] | None = None


def _build_share(bounds: tuple[int, int]) -> Any:
    assert _job is not None
    storage, indexname, schema, documents, to_fields = _job
    # Millions of small lists and tuples are made and kept until the segment is written, none
    # in a cycle: the cyclic collector's passes over them would cost more than the build.
    collecting = gc.isenabled()
    gc.disable()
    try:
        builder = SegmentBuilder(storage, indexname, schema)
        for document in documents[bounds[0] : bounds[1]]:
            builder.add(to_fields(document))
        return builder.finish() if builder.docnum else None
    finally:
        if collecting:
            gc.enable()


def build_segments(
    storage: Storage,
    indexname: str,
    schema: Schema,
    documents: Sequence[Any],
    to_fields: Callable[[Any], dict[str, Any]],
    procs: int = 1,
) -> list[Any]:
    """Segments holding ``documents`` (in order), built by ``procs`` forked processes."""
    global _job
    if not documents:
        return []
    procs = max(1, min(procs, len(documents) // 1000 or 1))
    size = -(-len(documents) // procs)
    total = len(documents)
    shares = [(start, min(start + size, total)) for start in range(0, total, size)]
    _job = (storage, indexname, schema, documents, to_fields)
    try:
        if len(shares) == 1 or "fork" not in multiprocessing.get_all_start_methods():
            segments = [_build_share(share) for share in shares]
        else:
            with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
                segments = pool.map(_build_share, shares, chunksize=1)
    finally:
        _job = None
    return [segment for segment in segments if segment is not None]
