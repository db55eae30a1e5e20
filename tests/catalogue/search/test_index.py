"""The index folder, used directly: fields of a document, century facets, create, update (pages
go with their manuscript), rebuild, and an index that cannot be used."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from catalogue.language.text import fold
from catalogue.search.documents import SearchDocument
from catalogue.search.index import (
    META_FILE,
    IndexUnavailable,
    SearchIndex,
    centuries,
    fields_of,
)


def _doc(key: str, **values: object) -> SearchDocument:
    kind, _, rest = key.partition(":")
    record_id = rest.split(":")[0]
    return SearchDocument(key, kind, record_id, 1, **values)  # type: ignore[arg-type]


def _dated(first: datetime.date, last: datetime.date) -> SearchDocument:
    return _doc("event:e", date_from=first, date_to=last)


def test_centuries_in_both_calendars() -> None:
    # 1737 CE is 1149-1150 AH: the 18th century, the 12th after the Hijra.
    doc = _dated(datetime.date(1737, 1, 1), datetime.date(1737, 12, 31))
    assert centuries(doc) == ["ce18", "ah12"]
    doc = _dated(datetime.date(1650, 1, 1), datetime.date(1710, 1, 1))  # 1060-1122 AH
    assert centuries(doc) == ["ce17", "ce18", "ah11", "ah12"]


def test_no_centuries_for_undated_wide_or_pre_hijra_spans() -> None:
    assert centuries(_doc("event:e")) == []
    wide = _dated(datetime.date(800, 1, 1), datetime.date(1500, 1, 1))
    assert centuries(wide) == []  # seven centuries say nothing about one
    early = _dated(datetime.date(510, 1, 1), datetime.date(520, 1, 1))
    assert centuries(early) == ["ce6"]  # before the Hijra: no AH century


def test_the_fields_of_a_document() -> None:
    doc = _doc(
        "person:navoi",
        titles={"fa": "نوایی", "en": "Navoi"},
        texts={"fa": "شاعر", "en": "A poet"},
        names=["Navoi", "نوایی"],
        persons=["navoi"],
        places=["herat", "samarkand"],
        date_from=datetime.date(1441, 2, 9),
        date_to=datetime.date(1501, 1, 3),
    )
    fields = fields_of(doc)
    assert fields["text_fa"] == "شاعر" and fields["text_kk"] == ""
    assert fields["names"] == fields["skeleton"] == "Navoi\nنوایی"
    assert fields["place"] == "herat,samarkand" and fields["digest"] == doc.digest()
    assert fields["date_from"] == datetime.date(1441, 2, 9).toordinal()
    assert fields["sort_title"] == fold("Navoi")  # the English title sorts
    untitled = fields_of(_doc("place:x"))
    assert untitled["sort_title"] == "x" and untitled["date_from"] is None
    assert fields_of(_doc("place:y", titles={"fa": "یزد"}))["sort_title"] == fold("یزد")


def test_a_folder_without_an_index_is_unavailable_until_created(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        assert not index.available()
        with pytest.raises(IndexUnavailable):
            index.index()
        index.create()
        assert index.available() and index.stored_digests() == {}
    finally:
        index.close()


def test_an_index_of_another_schema_version_is_unavailable(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        index.create()
        meta = json.loads((tmp_path / "index" / META_FILE).read_text())
        (tmp_path / "index" / META_FILE).write_text(
            json.dumps({**meta, "schema_version": -1, "build": "another"})
        )
        assert not index.available()
    finally:
        index.close()


def test_updates_replace_documents_and_a_manuscript_takes_its_pages_along(
    tmp_path: Path,
) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        index.create()
        manuscript = _doc("manuscript:ms-1", titles={"en": "Divan"})
        pages = [_doc("page:ms-1:1"), _doc("page:ms-1:2")]
        other = _doc("page:ms-2:1")
        index.update([manuscript, *pages, other], [])
        assert set(index.stored_digests()) == {
            "manuscript:ms-1",
            "page:ms-1:1",
            "page:ms-1:2",
            "page:ms-2:1",
        }
        changed = _doc("manuscript:ms-1", titles={"en": "Divan of Navoi"})
        index.update([changed, _doc("page:ms-1:1")], [])  # page 2 lost its text
        digests = index.stored_digests()
        assert set(digests) == {"manuscript:ms-1", "page:ms-1:1", "page:ms-2:1"}
        assert digests["manuscript:ms-1"] == changed.digest()
        index.update([], ["manuscript:ms-1"])  # unpublished: its pages go too
        assert set(index.stored_digests()) == {"page:ms-2:1"}
    finally:
        index.close()


def test_a_rebuild_replaces_everything_and_counts_what_it_wrote(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        assert index.rebuild([_doc("person:a"), _doc("person:b")]) == 2  # creates the index
        assert set(index.stored_digests()) == {"person:a", "person:b"}
        assert index.rebuild([_doc("place:c")]) == 1
        assert set(index.stored_digests()) == {"place:c"}
    finally:
        index.close()


def test_another_handle_sees_a_rebuild_by_this_one(tmp_path: Path) -> None:
    one, two = SearchIndex(tmp_path / "index"), SearchIndex(tmp_path / "index")
    try:
        one.rebuild([_doc("person:a")])
        assert set(two.stored_digests()) == {"person:a"}
        one.create()  # a new build: the other handle opens it
        one.rebuild([_doc("person:b")])
        assert set(two.stored_digests()) == {"person:b"}
    finally:
        one.close()
        two.close()
