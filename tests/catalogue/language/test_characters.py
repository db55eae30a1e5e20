"""Characters allowed in stored text: line breaks normalised, controls removed, XML safe."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from catalogue.language.characters import clean_text, xml_text

# Every C0 and C1 control, DEL, the Unicode line and paragraph separators, a lone surrogate
# and the two non-characters XML refuses, mixed with ordinary text in any script.
CONTROLS = st.sampled_from(
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u2028", "\u2029", "\ud800", "\udfff", "\ufffe", "\uffff", "\r\n"]
)
TEXT = st.lists(st.one_of(CONTROLS, st.text(max_size=8)), max_size=12).map("".join)
NOT_STORED = {chr(c) for c in range(0x20)} - {"\t", "\n"} | {chr(c) for c in range(0x7F, 0xA0)}
NOT_STORED |= {"\u2028", "\u2029", "\ufffe", "\uffff"}


@pytest.mark.parametrize(
    ("typed", "multiline", "stored"),
    [
        ("line\x0bbreak", True, "line\nbreak"),  # Word's in-cell line break
        ("line\x0bbreak", False, "line break"),
        ("a\r\nb\rc\x0cd\x85e\u2028f\u2029g", True, "a\nb\nc\nd\ne\nf\ng"),
        ("a\r\nb", False, "a b"),
        ("verse\tverse", True, "verse\tverse"),  # a tab kept where lines are
        ("verse\tverse", False, "verse verse"),
        ("nul\x00 bell\x07 esc\x1b del\x7f csi\x9b", True, "nul bell esc del csi"),
        ("\ud800lone\uffff", True, "lone"),
        ("توکه\u200cخان Тәуке", False, "توکه\u200cخان Тәуке"),  # ZWNJ is no control
    ],
)
def test_clean_text(typed: str, multiline: bool, stored: str) -> None:
    assert clean_text(typed, multiline=multiline) == stored


@given(TEXT, st.booleans())
def test_cleaned_text_has_no_controls_and_xml_holds_it(typed: str, multiline: bool) -> None:
    stored = clean_text(typed, multiline=multiline)
    assert not set(stored) & NOT_STORED
    assert not any("\ud800" <= c <= "\udfff" for c in stored)
    assert clean_text(stored, multiline=multiline) == stored
    if not multiline:
        assert "\n" not in stored and "\t" not in stored
    etree.Element("p").text = stored  # lxml refuses what XML 1.0 does not allow


@given(TEXT)
def test_xml_text_makes_any_stored_text_writable(stored: str) -> None:
    safe = xml_text(stored)
    etree.Element("p").text = safe
    etree.Element("p").set("a", safe)
    if safe != stored:
        assert safe == clean_text(stored, multiline=True)


def test_xml_text_leaves_text_xml_allows_as_it_is() -> None:
    text = "a\r\nb\x85c\tد"
    assert xml_text(text) is text
