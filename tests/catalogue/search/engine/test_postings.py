"""Posting lists written directly read back exactly as those Whoosh's own writer makes."""

from __future__ import annotations

import struct
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, TEXT, FieldType
from whoosh.filedb.filestore import RamStorage

from catalogue.search.engine import postings as postings_module
from catalogue.search.engine.postings import BLOCK_LIMIT, Postings, write_field

Entries = dict[str, list[tuple[int, float, bytes]]]


def _posted(field: FieldType, doc: int, value: str) -> tuple[int, float, bytes]:
    """A posting of a one-term value, as the field's own indexing makes it."""
    ((_text, _freq, weight, vbytes),) = field.index(value)
    return doc, weight, vbytes


def _ours(fields: dict[str, tuple[FieldType, Entries, dict[int, int]]]) -> Any:
    storage, codec = RamStorage(), W3Codec()
    segment = codec.new_segment(storage, "ours")
    writer = codec.field_writer(storage, segment)
    for fieldid, name in enumerate(sorted(fields)):
        field, entries, lengths = fields[name]
        postings = Postings(field)
        for text, posted in entries.items():
            postings.terms[text].extend(posted)
        postings.lengths.update(lengths)
        writer._fieldmap[name] = fieldid
        write_field(postings, struct.pack("!H", fieldid), writer._postfile, writer._tindex)
    writer.close()
    return codec.terms_reader(storage, segment)


def _whooshs(fields: dict[str, tuple[FieldType, Entries, dict[int, int]]]) -> Any:
    storage, codec = RamStorage(), W3Codec()
    segment = codec.new_segment(storage, "theirs")
    writer = codec.field_writer(storage, segment)
    for name in sorted(fields):
        field, entries, lengths = fields[name]
        writer.start_field(name, field)
        for text in sorted(entries):
            writer.start_term(text.encode("utf-8"))
            for doc, weight, value in entries[text]:
                writer.add(doc, weight, value, lengths.get(doc, 0))
            writer.finish_term()
        writer.finish_field()
    writer.close()
    return codec.terms_reader(storage, segment)


def _read(reader: Any, fields: dict[str, tuple[FieldType, Entries, dict[int, int]]]) -> list[Any]:
    """Everything a searcher asks of a term: its statistics and every posting."""
    seen = []
    for name, btext in reader.terms():
        info = reader.term_info(name, btext)
        matcher = reader.matcher(name, btext, fields[name][0].format)
        postings = []
        while matcher.is_active():
            postings.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        seen.append(
            (
                name,
                btext,
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
                postings,
            )
        )
    return seen


def _same(fields: dict[str, tuple[FieldType, Entries, dict[int, int]]]) -> list[Any]:
    ours = _read(_ours(fields), fields)
    assert ours == _read(_whooshs(fields), fields)
    return ours


def test_one_posting_terms_in_utf8_order() -> None:
    field = ID()
    entries: Entries = {"ms-2": [(1, 1.0, b"")], "ms-1": [(0, 1.0, b"")], "қазақ": [(2, 1.0, b"")]}
    seen = _same({"key": (field, entries, {})})
    assert [row[1] for row in seen] == [b"ms-1", b"ms-2", "қазақ".encode()]


def test_weighted_positions_and_lengths_of_a_text_field() -> None:
    field = TEXT()
    entries: Entries = {}
    lengths: dict[int, int] = {}
    for doc, (text, count) in enumerate([("firman", 1), ("firman", 3), ("seal", 2)]):
        value = field.format.encode(list(range(count)))  # the term's positions in the document
        entries.setdefault(text, []).append((doc, float(count), value))
        lengths[doc] = count + 4
    seen = _same({"text_en": (field, entries, lengths)})
    firman = next(row for row in seen if row[1] == b"firman")
    assert firman[3] == 2  # in two documents
    assert firman[2] == 4.0  # total weight: 1 + 3


@pytest.mark.parametrize(
    "count", [BLOCK_LIMIT - 1, BLOCK_LIMIT, BLOCK_LIMIT + 1, 3 * BLOCK_LIMIT + 7]
)
@pytest.mark.parametrize("compress_from", [0, 10**9])  # every block compressed, or none
def test_long_lists_span_blocks_compressed_or_not(
    count: int, compress_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings_module, "COMPRESS_FROM", compress_from)
    field = KEYWORD()
    entries: Entries = {
        "common": [_posted(field, doc * 2, "common " * (1 + doc % 3)) for doc in range(count)],
        "rare": [_posted(field, 5, "rare")],
    }
    seen = _same({"subject": (field, entries, {doc * 2: 1 + doc % 9 for doc in range(count)})})
    common = next(row for row in seen if row[1] == b"common")
    assert [posting[0] for posting in common[-1]] == [doc * 2 for doc in range(count)]


def test_several_fields_keep_their_own_terms() -> None:
    place = KEYWORD()
    fields: dict[str, tuple[FieldType, Entries, dict[int, int]]] = {
        "kind": (ID(), {"person": [(0, 1.0, b"")]}, {}),
        "place": (
            place,
            {"person": [_posted(place, 1, "person")], "tehran": [_posted(place, 0, "tehran")]},
            {},
        ),
    }
    seen = _same(fields)
    assert [(row[0], row[1]) for row in seen] == [
        ("kind", b"person"),
        ("place", b"person"),
        ("place", b"tehran"),
    ]


def test_a_field_boost_is_taken_from_the_field() -> None:
    assert Postings(TEXT(field_boost=3.0)).boost == 3.0
    assert Postings(ID()).fixed == 0  # existence only: no value bytes
    assert Postings(TEXT()).fixed is None  # positions: values of any size
