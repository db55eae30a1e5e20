"""Reading date statements ("1150 AH", "c. 1680–1715", "رجب ۱۱۴۸") into HistoricalDate."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from catalogue.dates.calendars import (
    CIRCA_YEARS,
    Calendar,
    DateError,
    HistoricalDate,
    Precision,
    calendar_label,
    check_date,
    dated,
    month_length,
    month_names,
    month_word,
    shift_years,
    span_to_gregorian,
)
from catalogue.language.messages import Message
from catalogue.language.text import fold_persian
from catalogue.language.words import both, either

_H, _P, _J, _G = Calendar.HIJRI, Calendar.PERSIAN, Calendar.JULIAN, Calendar.GREGORIAN
_EXAMPLES = '"1150 AH", "c. 1680–1715", "Rajab 1148" or "12th century AH"'

# Punctuation only: Arabic-script letters and digits are folded by language.text, as in search.
# A zero-width non-joiner parts words here ("هجری‌قمری"), so it becomes a space before folding.
_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("'’‘ʿʾʼ`´", ""),
        **dict.fromkeys("\u200c(),،", " "),
        **dict.fromkeys("–—‒−‐‑", "-"),
    }
)
# Letters on neither side: digits may touch a marker ("1150AH") but words may not ("Shaban").
_OPEN, _CLOSE = r"(?<![^\W\d_])", r"(?![^\W\d_])"

# Applied in order; longer and more specific forms first so that "ه.ش" is not read as "ه".
_MARKERS = [
    (r"solar|shamsi|jalali|s\.?\s?h\.?|h\.?\s?s\.?", _P),
    (r"julian|old style|o\.?\s?s\.?", _J),
    (r"gregorian|new style|n\.?\s?s\.?|c\.?e\.?|a\.?\s?d\.?", _G),
    (r"hijri|hijra|hegira|a\.?\s?h\.?|h\.?", _H),
    (r"هجری\s?شمسی|ه\.?\s?ش\.?|شمسی|خورشیدی|ش\.?", _P),
    (r"هجری\s?قمری|ه\.?\s?ق\.?|قمری|هجری|ق\.?|ه\.?", _H),
    (r"میلادی|م\.?", _G),
]
_MARKER_RES = [(re.compile(_OPEN + f"(?:{p})" + _CLOSE), c) for p, c in _MARKERS]

# "_" stands for an optional space or hyphen inside a month name.
_MONTHS: dict[str, list[str]] = {
    "h": [
        r"muharr?am|محرم",
        r"safar|صفر",
        r"rabi_(?:[aeu]l_)?(?:awwal|avval)|rabi_i|ربیع_(?:ال)?_اول",
        r"rabi_(?:[aeu]l_)?(?:thani|sani|akhir)|rabi_ii|ربیع_(?:ال)?_(?:ثانی|اخر)",
        r"jumad[ai]_(?:[aeu]l_)?(?:ula|awwal|avval)|jumad[ai]_i|جمادی_(?:ال)?_اولی?",
        r"jumad[ai]_(?:[aeu]l_)?(?:akhirah?|thani|sani|akhir)|jumad[ai]_ii"
        r"|جمادی_(?:ال)?_(?:ثانی|اخر)(?:ه|ی)?",
        r"rajab|رجب",
        r"shaa?ban|شعبان",
        r"rama(?:d|z|dh)aa?n|رمضان",
        r"shawwa?l|شوال",
        r"(?:dh|z)[ui]l?_(?:[aeu]l_)?q[ai]{1,2}dah?|ذ[یو]_(?:ال)?_قعده?",
        r"(?:dh|z)[ui]l?_(?:[aeu]l_)?hijj?ah?|ذ[یو]_(?:ال)?_حجه",
    ],
    "p": [
        r"farvardin|فروردین",
        r"ordibehesht|اردیبهشت",
        r"khordad|خرداد",
        r"tir|تیر",
        r"a?mordad|ا?مرداد",
        r"shahrivar|شهریور",
        r"mehr|mihr|مهر",
        r"aban|ابان",
        r"azar|adhar|اذر",
        r"dey|دی",
        r"bahman|بهمن",
        r"[ei]sfand|اسفند",
    ],
    "g": [
        rf"{name[:3].lower()}(?:{name[3:].lower()}|\.)?"
        + ("|sept\\.?" if name[:3] == "Sep" else "")
        for name in month_names(_G)
    ],
}
_MONTH_RES = [
    (re.compile(_OPEN + "(?:" + p.replace("_", r"[\s-]*") + ")" + _CLOSE), f"<{k}{i + 1:02d}>")
    for k, patterns in _MONTHS.items()
    for i, p in enumerate(patterns)
]
_MONTH_CALENDARS = {"h": {_H}, "p": {_P}, "g": {_G, _J}}

_QUALIFIERS = [
    (r"circa|ca\.?|c\.|c(?=\s)|about|around|approximately|approx\.?", Precision.CIRCA),
    (r"در حدود|حدودا|حدود|تقریبا", Precision.CIRCA),
    (r"before|قبل از|پیش از", Precision.BEFORE),
    (r"after|بعد از|پس از", Precision.AFTER),
]
_QUALIFIER_RES = [(re.compile(rf"(?:{p})\s*"), q) for p, q in _QUALIFIERS]
# How a refusal names the qualifier the curator wrote, in the page's language.
_QUALIFIER_WORDS = {Precision.BEFORE: Message("before"), Precision.AFTER: Message("after")}

# Overlapping thirds: a vague "early" or "late" is kept as a generous range.
_PARTS_OF_CENTURY = {"early": (0, 40), "mid": (30, 70), "late": (60, 100)}
_PARTS_OF_CENTURY |= {"اوایل": (0, 40), "اوائل": (0, 40), "اواسط": (30, 70), "اواخر": (60, 100)}
_CENTURY_EN = re.compile(
    r"(?:(early|mid|late)[\s-]*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]*(?:century|cent\.?|c\.?)"
)
_CENTURY_FA = re.compile(r"(?:(اوایل|اوائل|اواسط|اواخر)\s*)?(?:سده|قرن)\s*(.+)")
_FA_ORDINALS = {
    word: n
    for n, words in enumerate(
        [
            "یکم|اول|نخست",
            "دوم",
            "سوم",
            "چهارم",
            "پنجم",
            "ششم",
            "هفتم",
            "هشتم",
            "نهم",
            "دهم",
            "یازدهم",
            "دوازدهم",
            "سیزدهم",
            "چهاردهم",
            "پانزدهم",
            "شانزدهم",
            "هفدهم",
            "هجدهم|هیجدهم",
            "نوزدهم",
            "بیستم",
        ],
        start=1,
    )
    for word in words.split("|")
}

_MONTH = r"<[hpg]\d\d>"
_ORD = r"(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(r"(?P<y>\d{1,4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"),
    re.compile(rf"(?P<d>\d{{1,2}}){_ORD}\s*(?P<mt>{_MONTH})\s*(?P<y>\d{{1,4}})?"),
    re.compile(rf"(?P<mt>{_MONTH})\s*(?P<d>\d{{1,2}}){_ORD}\s+(?P<y>\d{{1,4}})"),
    re.compile(rf"(?P<mt>{_MONTH})\s*(?P<y>\d{{1,4}})?"),
    re.compile(r"(?P<y>\d{1,4})"),
]
_PART = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", f.pattern) for f in _FORMS) + ")"
_STATEMENT = re.compile(rf"({_PART})(?:\s*-\s*({_PART}))?")
_RANGE_WORDS = re.compile(_OPEN + r"(?:to|تا)" + _CLOSE)


_Ymd = tuple[int, int, int]


@dataclass
class _Part:
    """One side of a statement as read, before the calendar is settled."""

    year: int | None
    month: int | None
    day: int | None
    month_kind: str | None  # "h", "p" or "g" when a month was named
    iso: bool


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = fold_persian(text.translate(_PUNCTUATION)).lower()
    return " ".join(text.split())


def _unreadable(statement: str) -> DateError:
    return DateError(
        'could not read "%(statement)s" as a date; write e.g. %(examples)s',
        statement=statement,
        examples=_EXAMPLES,
    )


def parse(statement: str, default: Calendar | None = None) -> HistoricalDate:
    """Read a date statement; `default` is the calendar when the statement names none."""
    statement = statement.strip()
    if not statement:
        raise DateError("the date is empty; write e.g. %(examples)s", examples=_EXAMPLES)
    text, marker = _take_marker(_normalise(statement), statement)
    qualifier = None
    for regex, precision in _QUALIFIER_RES:
        if found := regex.match(text):
            qualifier, text = precision, text[found.end() :]
            break
    century = _century(text, marker or default or _G, statement)
    if century is not None:
        cal, (start, end), precision = marker or default or _G, century, Precision.CENTURY
    else:
        parts = _read_parts(text, statement)
        cal = _settle_calendar(parts, marker, default, statement)
        start, end = _span(parts, cal, statement)
        precision = Precision.RANGE if len(parts) == 2 else Precision.EXACT
        if len(parts) == 2 and qualifier in (Precision.BEFORE, Precision.AFTER):
            raise DateError(
                '"%(statement)s": write "%(qualifier)s" with one date, not a range',
                statement=statement,
                qualifier=_QUALIFIER_WORDS[qualifier],
            )
    return _qualify(statement, cal, qualifier or precision, start, end)


def _take_marker(text: str, statement: str) -> tuple[str, Calendar | None]:
    named: set[Calendar] = set()
    for regex, cal in _MARKER_RES:
        text, count = regex.subn(" ", text)
        if count:
            named.add(cal)
    if len(named) > 1:
        names = both(sorted(calendar_label(c) for c in named))
        raise DateError(
            '"%(statement)s" names more than one calendar (%(names)s); use one',
            statement=statement,
            names=names,
        )
    return " ".join(text.split()), next(iter(named), None)


def _century(text: str, cal: Calendar, statement: str) -> tuple[_Ymd, _Ymd] | None:
    if found := _CENTURY_EN.fullmatch(text):
        part, number = found.group(1), int(found.group(2))
    elif found := _CENTURY_FA.fullmatch(text):
        part, word = found.group(1), found.group(2).strip()
        if re.fullmatch(r"\d{1,2}(?:ام)?", word):
            number = int(word.removesuffix("ام"))
        elif twenties := re.fullmatch(r"بیست\s*و\s*(\S+)", word):
            number = 20 + _FA_ORDINALS.get(twenties.group(1), 99)
        elif word in _FA_ORDINALS:
            number = _FA_ORDINALS[word]
        else:
            raise _unreadable(statement)
    else:
        return None
    if not 1 <= number <= 30:
        raise DateError(
            '"%(statement)s": centuries run from the 1st to the 30th', statement=statement
        )
    # Sources count a century both as 1100–1199 and as 1101–1200; cover both.
    lo, hi = _PARTS_OF_CENTURY.get(part or "", (0, 100))
    first, last = max(1, (number - 1) * 100 + lo), (number - 1) * 100 + hi
    return (first, 1, 1), (last, 12, month_length(last, 12, cal))


def _read_parts(text: str, statement: str) -> list[_Part]:
    text = _RANGE_WORDS.sub("-", text)
    for regex, token in _MONTH_RES:
        text = regex.sub(f" {token} ", text)
    found = _STATEMENT.fullmatch(" ".join(text.split()))
    if not found:
        raise _unreadable(statement)
    parts = [_read_part(group) for group in found.groups() if group is not None]
    if len(parts) == 2:
        first, last = parts
        if first.month is None and last.day and first.year and first.year <= 31:
            # "1–5 Rajab 1148": the bare number is a day of the second part's month.
            parts[0] = _Part(last.year, last.month, first.year, last.month_kind, False)
        elif first.year is None:
            first.year = last.year
    for part in parts:
        if part.year is None:
            raise DateError(
                '"%(statement)s" has no year; write e.g. "Rajab 1148"', statement=statement
            )
    return parts


def _read_part(text: str) -> _Part:
    for index, form in enumerate(_FORMS):
        if found := form.fullmatch(text):
            fields = found.groupdict()
            token = fields.get("mt")
            return _Part(
                year=int(fields["y"]) if fields.get("y") else None,
                month=int(token[2:4]) if token else _int(fields.get("m")),
                day=_int(fields.get("d")),
                month_kind=token[1] if token else None,
                iso=index == 0,
            )
    raise AssertionError(f"{text!r} matched the statement but no single form")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _settle_calendar(
    parts: list[_Part], marker: Calendar | None, default: Calendar | None, statement: str
) -> Calendar:
    if marker:
        for part in parts:
            if part.month_kind and marker not in _MONTH_CALENDARS[part.month_kind]:
                name = _month_name(part)
                kind = either(calendar_label(c) for c in sorted(_MONTH_CALENDARS[part.month_kind]))
                raise DateError(
                    '%(month)s is a %(kind)s month, but "%(statement)s" names the'
                    " %(calendar)s calendar",
                    month=name,
                    kind=kind,
                    statement=statement,
                    calendar=calendar_label(marker),
                )
        return marker
    implied = set(Calendar)
    for part in parts:
        if part.month_kind:
            implied &= _MONTH_CALENDARS[part.month_kind]
        if part.iso:
            implied &= {_G}
    if not implied:
        raise DateError(
            '"%(statement)s" mixes months of different calendars; use one calendar',
            statement=statement,
        )
    chosen = default or _G
    if chosen in implied:
        return chosen
    return next(iter(implied)) if len(implied) == 1 else _G


def _month_name(part: _Part) -> Message:
    kind_calendar = {"h": _H, "p": _P, "g": _G}[part.month_kind or "g"]
    return month_word(kind_calendar, part.month or 1)


def _span(parts: list[_Part], cal: Calendar, statement: str) -> tuple[_Ymd, _Ymd]:
    bounds = []
    for part in parts:
        assert part.year is not None
        check_date(part.year, part.month or 1, part.day or 1, cal, statement)
        last_month = part.month or 12
        last_day = part.day or month_length(part.year, last_month, cal)
        bounds.append(
            ((part.year, part.month or 1, part.day or 1), (part.year, last_month, last_day))
        )
    start, end = bounds[0][0], bounds[-1][1]
    if end < start:
        raise DateError(
            "the range ends (%(end)s) before it begins (%(start)s)",
            end=_describe(parts[-1], cal),
            start=_describe(parts[0], cal),
        )
    return start, end


def _describe(part: _Part, cal: Calendar) -> str:
    if part.month is None or part.year is None:
        return str(part.year)
    return dated(cal, part.year, part.month, part.day, era=False)


def _qualify(
    statement: str, cal: Calendar, precision: Precision, start: _Ymd, end: _Ymd
) -> HistoricalDate:
    if precision is Precision.CIRCA:
        start, end = shift_years(start, -CIRCA_YEARS, cal), shift_years(end, CIRCA_YEARS, cal)
    first, last = span_to_gregorian(start, end, cal)
    earliest: datetime.date | None = first
    latest: datetime.date | None = last
    one_day = datetime.timedelta(days=1)
    try:
        if precision is Precision.BEFORE:
            earliest, latest = None, first - one_day
        elif precision is Precision.AFTER:
            earliest, latest = last + one_day, None
    except OverflowError:
        raise DateError(
            '"%(statement)s" reaches before 1 January 1 CE, the first day this catalogue can store',
            statement=statement,
        ) from None
    return HistoricalDate(statement, cal, precision, earliest, latest)
