"""Text normalisation for search: Persian/Arabic folding, name skeletons, transliteration.

Pure functions, no search engine: the Whoosh analyzers in ``catalogue.search.analysis`` and
the query side both call these, so a document and a query are always folded alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from anyascii import anyascii

__all__ = [
    "ARABIC_WORD",
    "NAME_WORD",
    "WORD",
    "fold",
    "fold_persian",
    "is_arabic_script",
    "kazakh_to_latin",
    "persian_compounds",
    "script_of",
    "skeleton",
    "words",
]

# --- Persian / Arabic folding -------------------------------------------------------------

_ZWNJ, _ZWJ, _LRM, _RLM, _ALM = "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"
_TATWEEL = "\u0640"

_PERSIAN_TABLE: dict[int, str | None] = {
    ord("ي"): "ی",  # U+064A Arabic yeh
    ord("ى"): "ی",  # U+0649 alef maksura
    ord("ئ"): "ی",  # U+0626 yeh with hamza above
    ord("ك"): "ک",  # U+0643 Arabic kaf
    ord("أ"): "ا",  # U+0623
    ord("إ"): "ا",  # U+0625
    ord("آ"): "ا",  # U+0622
    ord("ٱ"): "ا",  # U+0671 alef wasla
    # Hamza on waw is folded like hamza on alef and yeh, so رؤسا and روسا (both in the
    # shipped article) match.
    ord("ؤ"): "و",  # U+0624
    ord("ة"): "ه",  # U+0629 teh marbuta
    ord("ۀ"): "ه",  # U+06C0 heh with yeh above
    ord("ە"): "ه",  # U+06D5 ae
    ord("٫"): ".",  # U+066B Arabic decimal separator, so ۳۱۰٫۸ == 310.8
    ord(_TATWEEL): None,
    ord(_ZWNJ): None,
    ord(_ZWJ): None,
    ord(_LRM): None,
    ord(_RLM): None,
    ord(_ALM): None,
}
# Harakat, hamza above/below (so ه + U+0654 becomes ه), superscript alef, Quranic marks.
for _code in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)):
    _PERSIAN_TABLE[_code] = None
for _digit in range(10):
    _PERSIAN_TABLE[0x06F0 + _digit] = str(_digit)  # Persian (extended Arabic-Indic) digits
    _PERSIAN_TABLE[0x0660 + _digit] = str(_digit)  # Arabic-Indic digits


def fold_persian(text: str) -> str:
    """Fold Arabic-script spelling variants, marks, joiners and digits to one Persian form."""
    return text.translate(_PERSIAN_TABLE)


# ё→е after casefolding; İ is mapped before casefolding, which would leave i + U+0307.
_CYRILLIC_TABLE = {ord("ё"): "е"}


def fold(text: str) -> str:
    """The search form of any text: NFC, casefolded, Persian-folded, ё→е."""
    text = unicodedata.normalize("NFC", text).replace("İ", "i").casefold()
    return fold_persian(text).translate(_CYRILLIC_TABLE)


# --- Words ----------------------------------------------------------------------------------

# Combining marks that may sit inside a word: Latin/Cyrillic diacritics (decomposed text,
# titlo), Arabic harakat and Quranic marks. Python's \w matches none of them, which is why a
# \w+ tokenizer splits a vocalised Persian word into letters.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_JOINERS = f"{_ZWNJ}{_ZWJ}{_LRM}{_RLM}{_ALM}"
# A word starts with a letter or digit (not tatweel or a mark), then continues with letters,
# digits, marks, tatweel (\w matches it), joiners followed by a letter (حمل‌ونقل is one
# word) and a decimal point between digits.
_WORD_BODY = rf"[^\W_]|[{_MARKS}]|[{_JOINERS}]+(?=[^\W_])|(?<=\d)[.٫](?=\d)"
_WORD_PATTERN = rf"[^\W_\u0640](?:{_WORD_BODY})*"
# In names, apostrophes and hyphens join the parts of one name: Abu'l-Khair, Тауке-хан.
_NAME_PATTERN = rf"[^\W_\u0640](?:{_WORD_BODY}|['’\-‐‑](?=[^\W_]))*"

WORD = re.compile(_WORD_PATTERN)
NAME_WORD = re.compile(_NAME_PATTERN)


def words(text: str, *, names: bool = False) -> Iterator[re.Match[str]]:
    """The words of a text as regex matches (spans index into the original text)."""
    return (NAME_WORD if names else WORD).finditer(text)


# --- Scripts --------------------------------------------------------------------------------

_SCRIPT_PREFIXES = (("ARABIC", "Arab"), ("CYRILLIC", "Cyrl"), ("LATIN", "Latn"), ("GREEK", "Grek"))


@lru_cache(maxsize=4096)
def _letter_script(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zzzz"


def script_of(text: str) -> str:
    """ISO 15924 code of the script most letters are in ("Arab", "Cyrl", "Latn", ...).

    "Zyyy" (common) when the text has no letters; "Zzzz" for letters of other scripts.
    Ties go to the script that appears first.
    """
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha() and char != _TATWEEL:
            code = _letter_script(char)
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return "Zyyy"
    return max(counts, key=lambda code: counts[code])  # max keeps the first of equals


# Arabic-script letters, marks, tatweel and joiners; not Arabic digits or punctuation.
ARABIC_WORD = re.compile(
    "[\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f"
    "\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u200c\u200d]+"
)


def is_arabic_script(word: str) -> bool:
    """Whether a word is written wholly in Arabic-script letters (with marks and joiners)."""
    return ARABIC_WORD.fullmatch(word) is not None


# --- Persian compounds ----------------------------------------------------------------------


def persian_compounds(words: Sequence[str]) -> list[str]:
    """The joined forms to also search for a run of spaced Persian words (folded).

    A compound is typed with a ZWNJ (حمل‌ونقل), a space (حمل و نقل) or joined (حملونقل). The
    index holds each window of 2 and 3 adjacent Arabic-script words also joined, so a joined or
    ZWNJ query finds spaced text; this gives the query side the same windows, so a spaced query
    finds joined text: ["حمل", "و", "نقل"] → ["حملو", "ونقل", "حملونقل"]. Windows that contain
    a word in another script are skipped.
    """
    folded = [fold(word).strip() for word in words]
    folded = [word for word in folded if word]
    compounds: list[str] = []
    for size in (2, 3):
        for start in range(len(folded) - size + 1):
            window = folded[start : start + size]
            if all(is_arabic_script(word) for word in window):
                joined = "".join(window)
                if joined not in compounds:
                    compounds.append(joined)
    return compounds


# --- Name skeletons -------------------------------------------------------------------------

# Before transliterating, Arabic letters take their Persian sound, the way names in this
# domain are romanised (ذ ض ظ are z, ث ص are s), not anyascii's Arabic readings (dh, d, th).
_PERSIAN_SOUNDS = str.maketrans({"ث": "س", "ص": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ط": "ت"})
# Digraphs for one sound, applied within a run of typed ASCII (Zhangir, Dzhangir) or within
# one letter's transliteration (ж → zh, ژ → zh), never across letters: زهرا is z-h-r.
_DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("ph", "f"), ("x", "ks"))
# Vowels, and the letters Arabic script writes as vowels or leaves unwritten or silent
# (alef/waw/yeh/heh read as a, v/w/u/o, y/i/e, h/e): they differ between spellings of one name.
# q, c, g (ق غ گ қ ғ) are one velar class with k.
_SKELETON_TABLE = str.maketrans("qcg", "kkk", "aeiouywvh")
_ASCII_RUN_OR_CHAR = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")
_NOT_LETTER = re.compile(r"[^a-z]+")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=4096)
def _latin(chunk: str) -> str:
    latin = _NOT_LETTER.sub("", anyascii(chunk).lower())
    for digraph, replacement in _DIGRAPHS:
        latin = latin.replace(digraph, replacement)
    return latin


@lru_cache(maxsize=65536)
def _word_skeleton(word: str) -> str:
    # Russian writes ج as дж (Джангир), Kazakh as ж (Жәңгір).
    folded = fold(word).replace("дж", "ж").translate(_PERSIAN_SOUNDS)
    latin = "".join(_latin(chunk.group()) for chunk in _ASCII_RUN_OR_CHAR.finditer(folded))
    return _REPEATS.sub(r"\1", latin.translate(_SKELETON_TABLE))


def skeleton(name: str) -> str:
    """A consonant skeleton for fuzzy name matching across scripts, word by word.

    Tauke, Täuke, Тәуке, Тауке, Tevke, توکه and تاوکه all give "tk"; Nader, Nadir, Надир and
    نادر give "ndr". Words keep their boundaries (joined by one space); a word with no
    consonant (Ai) is left out. Apostrophes and hyphens do not split a name (Abu'l-Khair).
    """
    parts = (_word_skeleton(match.group()) for match in words(name, names=True))
    return " ".join(part for part in parts if part)


# --- Kazakh Cyrillic → Latin (2021) ---------------------------------------------------------

# The 2021 Kazakh Latin alphabet (31 letters), with the usual renderings of the letters found
# only in Russian loans (ё ц щ ъ ь э ю я). Lower case; upper case is derived below.
_KAZAKH_LATIN: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ç",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
# Upper-case letters whose Latin capital is not str.upper() of the lower-case one.
_KAZAKH_LATIN_UPPER = {"И": "İ", "Й": "İ", "І": "I", "Ё": "İo", "Ю": "İu", "Я": "İa"}


def _upper_latin(cyrillic: str) -> str:
    if cyrillic in _KAZAKH_LATIN_UPPER:
        return _KAZAKH_LATIN_UPPER[cyrillic]
    latin = _KAZAKH_LATIN[cyrillic.lower()]
    return latin[:1].upper() + latin[1:]


def kazakh_to_latin(text: str) -> str:
    """Kazakh Cyrillic → the 2021 Kazakh Latin alphabet: Тәуке → Täuke, Әбілқайыр → Äbılqaiyr.

    Characters outside the Kazakh Cyrillic alphabet pass through unchanged. A capital that
    becomes two letters (Ю → İu) is wholly upper case inside an upper-case word (ЮРТ → İURT).
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower not in _KAZAKH_LATIN:
            out.append(char)
        elif char == lower:
            out.append(_KAZAKH_LATIN[lower])
        else:
            latin = _upper_latin(char)
            if len(latin) > 1 and _in_capitals(text, index):
                latin = latin[0] + latin[1:].upper()
            out.append(latin)
    return "".join(out)


def _in_capitals(text: str, index: int) -> bool:
    # The neighbouring letter decides: the next one, or the previous one at a word's end.
    for neighbour in (text[index + 1 : index + 2], text[index - 1 : index] if index else ""):
        if neighbour.isalpha():
            return neighbour.isupper()
    return False
