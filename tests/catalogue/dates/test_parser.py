"""Tests for catalogue.dates.parser: the spellings, scripts and forms a curator may write."""

import datetime

import pytest

from catalogue.dates.calendars import Calendar, Precision, to_gregorian
from catalogue.dates.parser import parse

D = datetime.date
H, P, J, G = Calendar.HIJRI, Calendar.PERSIAN, Calendar.JULIAN, Calendar.GREGORIAN


@pytest.mark.parametrize(
    ("month", "spellings"),
    [
        (1, ["Muharram", "MUHARRAM", "Muḥarram", "محرم"]),
        (2, ["Safar", "Ṣafar", "صفر"]),
        (
            3,
            [
                "Rabi al-awwal",
                "Rabi' al-Awwal",
                "Rabiʿ al-awwal",
                "Rabi I",
                "ربیع‌الاول",
                "ربیع الاول",
            ],
        ),
        (
            4,
            [
                "Rabi al-thani",
                "Rabi II",
                "Rabi al-akhir",
                "ربیع‌الثانی",
                "ربیع الآخر",
                "ربيع الثاني",
            ],
        ),
        (5, ["Jumada al-ula", "Jumada I", "Jumādā al-ūlā", "جمادی‌الاول", "جمادی الاولی"]),
        (6, ["Jumada al-akhira", "Jumada II", "جمادی‌الثانی", "جمادی الآخره", "جمادى الآخرة"]),
        (7, ["Rajab", "رجب"]),
        (8, ["Shaban", "Sha'ban", "Shaʿbān", "شعبان"]),
        (9, ["Ramadan", "Ramazan", "Ramaḍān", "رمضان"]),
        (10, ["Shawwal", "Shawwāl", "شوال"]),
        (11, ["Dhu al-Qadah", "Dhu'l-Qa'da", "Zu al-Qa'da", "Dhu al-Qi'dah", "ذیقعده", "ذی‌القعده"]),
        (12, ["Dhu al-Hijjah", "Zu al-Hijja", "Dhu'l-Hijja", "ذیحجه", "ذی‌الحجه", "ذو الحجة"]),
    ],
)
def test_hijri_month_spellings(month: int, spellings: list[str]) -> None:
    for spelling in spellings:
        d = parse(f"1 {spelling} 1150")
        assert d.calendar is H, spelling
        assert d.earliest == to_gregorian(1150, month, 1, H), spelling


@pytest.mark.parametrize(
    ("month", "spellings"),
    [
        (1, ["Farvardin", "فروردین"]),
        (2, ["Ordibehesht", "اردیبهشت"]),
        (3, ["Khordad", "خرداد"]),
        (4, ["Tir", "تیر"]),
        (5, ["Mordad", "Amordad", "مرداد", "امرداد"]),
        (6, ["Shahrivar", "شهریور"]),
        (7, ["Mehr", "مهر"]),
        (8, ["Aban", "آبان"]),
        (9, ["Azar", "آذر"]),
        (10, ["Dey", "دی"]),
        (11, ["Bahman", "بهمن"]),
        (12, ["Esfand", "Isfand", "اسفند"]),
    ],
)
def test_persian_solar_month_spellings(month: int, spellings: list[str]) -> None:
    for spelling in spellings:
        d = parse(f"۱ {spelling} ۱۳۰۰")
        assert d.calendar is P, spelling
        assert d.earliest == to_gregorian(1300, month, 1, P), spelling


def test_arabic_script_is_folded_as_search_folds_it() -> None:
    # An Arabic letter mark (U+061C) typed before the digits, and alef wasla for alef:
    # catalogue.language.text folds both, for the date parser as for search.
    folded, latin = parse("\u061c۱ ٱبان ۱۳۰۰"), parse("1 Aban 1300 SH")
    assert (folded.calendar, folded.earliest, folded.latest) == (P, latin.earliest, latin.latest)


@pytest.mark.parametrize(
    ("statement", "month"),
    [
        ("1 Jan 1737", 1),
        ("1 Feb. 1737", 2),
        ("1 Sept 1737", 9),
        ("1 sep 1737", 9),
        ("1 DEC 1737", 12),
    ],
)
def test_english_month_abbreviations(statement: str, month: int) -> None:
    assert parse(statement).earliest == D(1737, month, 1)


@pytest.mark.parametrize(
    ("statement", "calendar"),
    [
        ("1150 AH", H),
        ("1150 A.H.", H),
        ("1150 H", H),
        ("1150AH", H),
        ("1150 هـ", H),
        ("1150 ه.ق", H),
        ("1150 ق", H),
        ("1150 hijri", H),
        ("1150 قمری", H),
        ("۱۱۵۰ هجری قمری", H),
        ("1300 SH", P),
        ("1300 HS", P),
        ("1300 ش", P),
        ("1300 ه.ش", P),
        ("1300 solar", P),
        ("1300 شمسی", P),
        ("۱۳۰۰ هجری شمسی", P),
        ("1737 CE", G),
        ("1737 AD", G),
        ("A.D. 1737", G),
        ("1737 م", G),
        ("1737 میلادی", G),
        ("1737 OS", J),
        ("1737 O.S.", J),
        ("1737 (O.S.)", J),
        ("1737 Julian", J),
        ("1737 old style", J),
    ],
)
def test_calendar_markers(statement: str, calendar: Calendar) -> None:
    assert parse(statement, H if calendar is not H else G).calendar is calendar


@pytest.mark.parametrize(
    ("statement", "default", "calendar"),
    [
        ("1150", None, G),
        ("1150", H, H),
        ("Rajab 1148", G, H),
        ("Farvardin 1300", H, P),
        ("May 1737", H, G),
        ("May 1737", J, J),
        ("1737-05-01", H, G),
        ("1737-05-01 OS", None, J),
    ],
)
def test_default_calendar_and_month_names_fix_the_calendar(
    statement: str, default: Calendar | None, calendar: Calendar
) -> None:
    assert parse(statement, default).calendar is calendar


@pytest.mark.parametrize(
    ("statement", "precision", "earliest", "latest"),
    [
        ("c. 1700", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("ca. 1700", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("circa 1700", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("about 1700", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("c.1680-1715", Precision.CIRCA, D(1675, 1, 1), D(1720, 12, 31)),
        ("حدود ۱۷۰۰ م", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("حدوداً ۱۷۰۰ م", Precision.CIRCA, D(1695, 1, 1), D(1705, 12, 31)),
        ("قبل از ۱۷۰۰ م", Precision.BEFORE, None, D(1699, 12, 31)),
        ("بعد از ۱۷۳۱ م", Precision.AFTER, D(1732, 1, 1), None),
        ("after 1 May 1737", Precision.AFTER, D(1737, 5, 2), None),
        ("1694 - 1722", Precision.RANGE, D(1694, 1, 1), D(1722, 12, 31)),
        ("1694—1722", Precision.RANGE, D(1694, 1, 1), D(1722, 12, 31)),
        ("1694 to 1722", Precision.RANGE, D(1694, 1, 1), D(1722, 12, 31)),
        ("۱۶۹۴ تا ۱۷۲۲ م", Precision.RANGE, D(1694, 1, 1), D(1722, 12, 31)),
        ("May–June 1737", Precision.RANGE, D(1737, 5, 1), D(1737, 6, 30)),
        ("1 May 1737 – 1738", Precision.RANGE, D(1737, 5, 1), D(1738, 12, 31)),
        ("1737-05-01 – 1737-06-15", Precision.RANGE, D(1737, 5, 1), D(1737, 6, 15)),
        ("May 1, 1737", Precision.EXACT, D(1737, 5, 1), D(1737, 5, 1)),
        ("May 1737", Precision.EXACT, D(1737, 5, 1), D(1737, 5, 31)),
        ("early 18th century", Precision.CENTURY, D(1700, 1, 1), D(1740, 12, 31)),
        ("late 18th-century", Precision.CENTURY, D(1760, 1, 1), D(1800, 12, 31)),
        ("1st century", Precision.CENTURY, D(1, 1, 1), D(100, 12, 31)),
    ],
)
def test_forms_and_qualifiers(
    statement: str,
    precision: Precision,
    earliest: datetime.date | None,
    latest: datetime.date | None,
) -> None:
    d = parse(statement)
    assert (d.precision, d.earliest, d.latest) == (precision, earliest, latest)


@pytest.mark.parametrize(
    ("statement", "start", "end"),
    [
        ("1 Rajab – 5 Shaban 1148", (1148, 7, 1), (1148, 8, 5)),
        ("1–5 Rajab 1148", (1148, 7, 1), (1148, 7, 5)),
        ("Rajab – Shaban 1148", (1148, 7, 1), (1148, 8, 29)),
        ("۱۱۴۸ تا ۱۱۵۰ ق", (1148, 1, 1), (1150, 12, 30)),
    ],
)
def test_hijri_ranges(
    statement: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    d = parse(statement)
    assert (d.calendar, d.precision) == (H, Precision.RANGE)
    assert (d.earliest, d.latest) == (to_gregorian(*start, H), to_gregorian(*end, H))


@pytest.mark.parametrize(
    "statement",
    [
        "12th century AH",
        "12th c. AH",
        "سده ۱۲ ق",
        "قرن ۱۲ ه.ق",
        "قرن دوازدهم هجری",
        "سده دوازدهم قمری",
    ],
)
def test_twelfth_century_ah_spellings(statement: str) -> None:
    d = parse(statement)
    assert (d.calendar, d.precision) == (H, Precision.CENTURY)
    assert d.years_in(H) == (1100, 1200)


def test_persian_ordinal_centuries() -> None:
    assert parse("قرن بیست و یکم م").years_in(G) == (2000, 2100)
    assert parse("اواخر قرن هجدهم میلادی").years_in(G) == (1760, 1800)
    assert parse("سده ۱۳ ش").years_in(P) == (1200, 1300)


@pytest.mark.parametrize(
    "statement", ["30 SH c.", "25th century SH", "2378 SH", "2400 SH", "c. 2377 SH", "2370–2390 SH"]
)
def test_persian_years_beyond_the_conversion_are_a_date_error(statement: str) -> None:
    # convertdate's Persian calendar rests on pymeeus equinoxes, which stop at 3000 CE (about
    # 2378 SH); "30 SH c." reads as the 30th century SH. It raised ValueError: a 500 in forms.
    from catalogue.dates.calendars import DateError

    with pytest.raises(DateError, match="Persian solar"):
        parse(statement)
