"""Citations parse with the tools scholars use: bibtexparser, rispy, the CSL-JSON schema."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from catalogue.formats.citations import Citable, bibtex, citable, csl_json_document, ris
from catalogue.models import Manuscript, Person, Shelfmark

CSL_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "csl-data.json").read_text()
)
DAY = datetime.date(2026, 11, 24)
TRICKY = "Tāʾrīkh & {braces} 100% $x #1 _y ^z ~w \\ — تاریخ"


@pytest.fixture
def items(
    make_manuscript: Callable[..., Manuscript], make_person: Callable[..., Person]
) -> list[Citable]:
    ms = make_manuscript(
        slug="ms-07", shelfmarks=[Shelfmark(institution="National Library", idno="MS 7")]
    )
    person = make_person(slug="tauke-khan")
    return [
        citable(ms, title=TRICKY, lang="fa", url="https://x.org/manuscripts/ms-07", accessed=DAY),
        citable(
            ms,
            title="Ms 7",
            lang="en",
            url="https://x.org/manuscripts/ms-07",
            accessed=DAY,
            folio="12v",
        ),
        citable(person, title="Тәуке хан", lang="kk", url="https://x.org/people/t", accessed=DAY),
    ]


def test_bibtex_parses_with_bibtexparser(items: list[Citable]) -> None:
    for item in items:
        database = bibtexparser.loads(bibtex(item))
        (entry,) = database.entries
        assert entry["ID"] == item.key
        assert entry["ENTRYTYPE"] == "misc"
        assert entry["url"] == item.url
    folio = bibtexparser.loads(bibtex(items[1])).entries[0]
    assert folio["pages"] == "f. 12v"
    assert folio["url"].endswith("#f12v")


def test_ris_parses_with_rispy(items: list[Citable]) -> None:
    for item in items:
        (entry,) = rispy.loads(ris(item))
        assert entry["title"] == item.title
        assert entry["urls"] == [item.url]
    assert rispy.loads(ris(items[0]))[0]["type_of_reference"] == "MANSCPT"
    assert rispy.loads(ris(items[1]))[0]["start_page"] == "f. 12v"


def test_csl_json_is_valid_against_the_schema(items: list[Citable]) -> None:
    jsonschema.Draft7Validator.check_schema(CSL_SCHEMA)
    for item in items:
        document = json.loads(csl_json_document(item))
        jsonschema.validate(document, CSL_SCHEMA)
        assert document[0]["title"] == item.title


def test_folios_are_for_manuscripts_only(make_person: Callable[..., Person]) -> None:
    person = make_person()
    with pytest.raises(ValueError, match="folio"):
        citable(person, title="x", lang="en", url="u", accessed=DAY, folio="1r")


def test_only_recorded_folios_can_be_cited_once_pages_exist(
    make_manuscript: Callable[..., Manuscript],
) -> None:
    from catalogue.models import Page, Side

    ms = make_manuscript(pages=[Page(position=1, folio="1", side=Side.RECTO)])
    assert citable(ms, title="t", lang="en", url="u", accessed=DAY, folio="1r").folio == "1r"
    with pytest.raises(ValueError, match="no folio 2v"):
        citable(ms, title="t", lang="en", url="u", accessed=DAY, folio="2v")
