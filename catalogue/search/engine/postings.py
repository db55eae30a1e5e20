"""Whoosh 3 posting lists and term tables, written directly from postings gathered in memory.

What ``whoosh.codec.whoosh3``'s ``W3PostingsWriter`` and ``OrderedHashWriter.add`` write, so
every Whoosh reader, matcher and merge reads it unchanged, except that a block's data is
pickled with protocol 3 and short blocks are stored uncompressed (the block header says so,
and the reader honours it). Used by the bulk rebuild (``catalogue.search.engine.bulk``).
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections import defaultdict
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.fields import FieldType
from whoosh.util.numeric import length_to_byte

__all__ = ["Postings", "write_field"]

BLOCK_LIMIT = 128  # postings per block, as W3Codec's default
COMPRESS_FROM = 1024  # bytes of a block's pickle below which zlib is not worth its time
_TERMINFO = struct.Struct("!BfIBBfII")
_PACK_INT = struct.Struct("!i").pack
_PACK_LONG = struct.Struct("!q").pack


class Postings:
    """One field's postings of one segment, gathered in memory until the segment is written:
    term -> [(docnum, weight, value bytes)]."""

    def __init__(self, field: FieldType) -> None:
        self.field = field
        self.boost = float(field.format.field_boost)
        fixed = field.format.fixed_value_size()
        self.fixed = None if fixed is None or fixed < 0 else fixed
        # term (str from the fast path, bytes from field.index) -> [(docnum, weight, value)]
        self.terms: defaultdict[Any, list[tuple[int, float, bytes]]] = defaultdict(list)
        self.lengths: dict[int, int | None] = {}  # docnum -> posting length (quantised)


_float32 = struct.Struct("f")
# Whoosh pickles a block's data with protocol 2, which spells each posting's value (bytes) as a
# call to _codecs.encode on a latin-1 string; protocol 3 has a bytes opcode: 7x faster to write,
# half the size, and read by the same pickle.loads.
_DATA_PROTOCOL = 3
_LENGTHS = struct.Struct("!ii").pack
_length_bytes: dict[int | None, int] = {}


def _length_byte(length: int | None) -> int:
    byte = _length_bytes.get(length)
    if byte is None:
        byte = _length_bytes[length] = length_to_byte(length)
    return byte


def write_field(postings: Postings, prefix: bytes, postfile: Any, tindex: Any) -> None:
    """Every term of a field, in order, in Whoosh 3's posting-block and term-info format.

    What ``W3PostingsWriter`` and ``OrderedHashWriter.add`` write, except that a block's data
    is pickled with protocol 3 (``_DATA_PROTOCOL``) and blocks whose pickle is short are
    stored uncompressed (the block header says so, and the reader honours it): zlib costs
    more than it saves on the one-posting lists that make up most terms here.
    """
    fixed = postings.fixed
    lengths = postings.lengths
    out = bytearray()
    base = postfile.tell()
    # The term table, written the way OrderedHashWriter.add does, without a tell() per term.
    tfile = tindex.dbfile
    tout = bytearray()
    tbase = tfile.tell()
    hashfn = tindex.hashfn
    buckets = tindex.buckets
    index_append = tindex.index.append
    key = tindex.lastkey
    for text in sorted(postings.terms):  # str order is UTF-8 byte order
        entries = postings.terms[text]
        start = base + len(out)
        out += WHOOSH3_HEADER_MAGIC
        count = len(entries)
        if count == 1:  # most terms: one block of one posting
            doc, weight, value = entries[0]
            length = lengths.get(doc)
            lbyte = _length_byte(length) if length else 0
            w32 = _float32.unpack(_float32.pack(weight))[0]
            mini_weights: Any = None if w32 == 1.0 else w32
            if fixed is None:
                mini_values: Any = (value,) if value else ()
            elif fixed == 0:
                mini_values = None
            else:
                mini_values = value
            data = dumps(((doc,), mini_weights, mini_values), _DATA_PROTOCOL)
            info = dumps((1, doc, weight, 0, lbyte, lbyte), 2)
            out += _PACK_INT(-(len(info) + len(data)))
            out += info
            out += data
            terminfo = _TERMINFO.pack(False, w32, 1, lbyte, lbyte, weight, doc, doc)
        else:
            terminfo = _write_blocks(entries, fixed, lengths, out)
        terminfo += _PACK_LONG(start) + _PACK_INT(base + len(out) - start)
        key = prefix + (text if isinstance(text, bytes) else text.encode("utf-8"))
        tpos = tbase + len(tout)
        index_append(tpos)
        tout += _LENGTHS(len(key), len(terminfo))
        tout += key
        tout += terminfo
        h = hashfn(key)
        buckets[h & 255].append((h, tpos))
        if len(out) > 1 << 22:
            postfile.write(bytes(out))
            base += len(out)
            out.clear()
        if len(tout) > 1 << 22:
            tfile.write(bytes(tout))
            tbase += len(tout)
            tout.clear()
    postfile.write(bytes(out))
    tfile.write(bytes(tout))
    tindex.lastkey = key


def _write_blocks(
    entries: list[tuple[int, float, bytes]],
    fixed: int | None,
    lengths: dict[int, int | None],
    out: bytearray,
) -> bytes:
    """A posting list of several postings, in blocks; returns its packed term info (without
    the extent)."""
    count = len(entries)
    total_weight = 0.0
    min_length: int | None = None
    max_length = 0
    max_weight = 0.0
    for first in range(0, count, BLOCK_LIMIT):
        ids, raw_weights, values = zip(*entries[first : first + BLOCK_LIMIT], strict=True)
        weights = array("f", raw_weights)
        block_max_weight = max(raw_weights)
        present = [n for n in map(lengths.get, ids) if n]
        block_min = min(present) if present else None
        block_max = max(present) if present else 0
        deltas = tuple(map(sub, ids, (0, *ids[:-1])))
        distinct = set(weights)
        if distinct == {1.0}:
            mini_weights: Any = None
        elif len(distinct) == 1:
            mini_weights = weights[0]
        else:
            mini_weights = tuple(weights)
        if not all(values):
            values = tuple(v for v in values if v)
        if fixed is None:
            mini_values: Any = values
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        data = dumps((deltas, mini_weights, mini_values), _DATA_PROTOCOL)
        compression = 1 if len(data) >= COMPRESS_FROM else 0
        if compression:
            data = zlib.compress(data, compression)
        info = dumps(
            (
                len(ids),
                ids[-1],
                block_max_weight,
                compression,
                _length_byte(block_min),
                _length_byte(block_max),
            ),
            2,
        )
        size = len(info) + len(data)
        out += _PACK_INT(-size if first + BLOCK_LIMIT >= count else size)
        out += info
        out += data
        total_weight += sum(weights)
        if block_min is not None:
            min_length = block_min if min_length is None else min(min_length, block_min)
        max_length = max(max_length, block_max)
        max_weight = max(max_weight, block_max_weight)
    return _TERMINFO.pack(
        False,
        total_weight,
        count,
        0 if min_length is None else _length_byte(min_length),
        _length_byte(max_length),
        max_weight,
        entries[0][0],
        entries[-1][0],
    )
