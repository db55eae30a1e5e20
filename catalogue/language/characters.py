"""Characters allowed in stored text: one normalisation for every way in, one guard for XML out.

Word writes U+000B for a line break inside a table cell, and forms, spreadsheets and JSON
bring U+2028/U+2029, NEL, old Macintosh \\r and stray NULs. lxml refuses C0 controls (XML 1.0
does not allow them) and PostgreSQL refuses NUL, so one such character in a published record
made OAI-PMH, Dublin Core, TEI and the CLI exports fail until someone edited it.

Every intake (the curator's forms, CSV/XLSX, TEI and catalogue JSON imports) passes text
through `clean_text`: each line break (\\r\\n, \\r, U+000B, U+000C, NEL, U+2028, U+2029)
becomes \\n in a field that holds several lines and a space in a one-line field; every other
C0 and C1 control, DEL, lone surrogate and the non-characters U+FFFE and U+FFFF is removed.
A tab is kept in multi-line text (transcriptions align verses with it; XML allows it) and is
a space in a one-line field. The XML writers pass stored text through `xml_text`, so text
stored before this rule (or written straight into the database) never makes them fail.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# After line breaks are \n: the controls (tab and \n aside), DEL, C1, surrogates, U+FFFE/F.
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 (and so lxml) refuses; \r, DEL and C1 are allowed there.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str, *, multiline: bool) -> str:
    """Typed or imported text as stored: line breaks as \\n (a space on one line), no controls."""
    text = _REMOVED.sub("", _LINE_BREAKS.sub("\n", text))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def xml_text(text: str) -> str:
    """Stored text as XML can hold it (unchanged unless it has characters XML refuses)."""
    if _NOT_XML.search(text) is None:
        return text
    return clean_text(text, multiline=True)
