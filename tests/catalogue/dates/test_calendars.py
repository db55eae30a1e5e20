"""catalogue.dates.calendars: the model, calendar conversion, formatting and the key statements."""

import datetime

import pytest

from catalogue.dates.calendars import (
    CIRCA_YEARS,
    Calendar,
    DateError,
    HistoricalDate,
    Precision,
    format_years,
    from_gregorian,
    month_length,
    month_names,
    to_gregorian,
)
from catalogue.dates.parser import parse as parse_date

D = datetime.date
H, P, J, G = Calendar.HIJRI, Calendar.PERSIAN, Calendar.JULIAN, Calendar.GREGORIAN


@pytest.mark.parametrize(
    ("ymd", "calendar", "expected"),
    [
        ((1150, 1, 1), H, D(1737, 5, 1)),
        ((1100, 1, 1), H, D(1688, 10, 26)),
        ((1300, 1, 1), P, D(1921, 3, 21)),
        ((1725, 3, 1), J, D(1725, 3, 12)),
        ((1700, 2, 29), J, D(1700, 3, 11)),
        ((1737, 5, 1), G, D(1737, 5, 1)),
    ],
)
def test_to_gregorian_known_days(
    ymd: tuple[int, int, int], calendar: Calendar, expected: datetime.date
) -> None:
    assert to_gregorian(*ymd, calendar) == expected
    assert from_gregorian(expected, calendar) == ymd


def _days(first: datetime.date, last: datetime.date, step: int = 1) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def _next_day(ymd: tuple[int, int, int], calendar: Calendar) -> tuple[int, int, int]:
    y, m, d = ymd
    if d < month_length(y, m, calendar):
        return y, m, d + 1
    return (y, m + 1, 1) if m < 12 else (y + 1, 1, 1)


# convertdate's Persian calendar is astronomical and slow (~10 ms a call), so it gets samples
# across the period plus two consecutive stretches over New Year (Nowruz) instead of every day.
_ROUND_TRIP_DAYS = {
    H: _days(D(1680, 1, 1), D(1800, 12, 31)),
    J: _days(D(1680, 1, 1), D(1800, 12, 31)),
    G: _days(D(1680, 1, 1), D(1800, 12, 31)),
    P: _days(D(1737, 3, 10), D(1737, 3, 31)) + _days(D(1921, 3, 10), D(1921, 3, 31)),
}


@pytest.mark.parametrize("calendar", list(Calendar))
def test_round_trip_consecutive_days(calendar: Calendar) -> None:
    days = _ROUND_TRIP_DAYS[calendar]
    previous = None
    for day in days:
        ymd = from_gregorian(day, calendar)
        assert to_gregorian(*ymd, calendar) == day
        if previous is not None and day - previous[0] == datetime.timedelta(days=1):
            assert ymd == _next_day(previous[1], calendar)
        previous = (day, ymd)


@pytest.mark.parametrize("calendar", list(Calendar))
def test_round_trip_sampled_days_1600_to_2000(calendar: Calendar) -> None:
    for day in _days(D(1600, 1, 1), D(2000, 12, 31), step=2999):
        assert to_gregorian(*from_gregorian(day, calendar), calendar) == day


@pytest.mark.parametrize(
    ("statement", "calendar", "precision", "earliest", "latest"),
    [
        ("1 Muharram 1150 AH", H, Precision.EXACT, D(1737, 5, 1), D(1737, 5, 1)),
        ("1 Muharram 1100 AH", H, Precision.EXACT, D(1688, 10, 26), D(1688, 10, 26)),
        ("1150 AH", H, Precision.EXACT, D(1737, 5, 1), D(1738, 4, 20)),
        ("1 March 1725 OS", J, Precision.EXACT, D(1725, 3, 12), D(1725, 3, 12)),
        ("c. 1680–1715", G, Precision.CIRCA, D(1675, 1, 1), D(1720, 12, 31)),
        ("before 1700", G, Precision.BEFORE, None, D(1699, 12, 31)),
        ("after 1731", G, Precision.AFTER, D(1732, 1, 1), None),
        ("۱۱۵۰ ق", H, Precision.EXACT, D(1737, 5, 1), D(1738, 4, 20)),
        ("1 Farvardin 1300 SH", P, Precision.EXACT, D(1921, 3, 21), D(1921, 3, 21)),
        ("۱ فروردین ۱۳۰۰", P, Precision.EXACT, D(1921, 3, 21), D(1921, 3, 21)),
        ("1737-05-01", G, Precision.EXACT, D(1737, 5, 1), D(1737, 5, 1)),
        ("1694–1722", G, Precision.RANGE, D(1694, 1, 1), D(1722, 12, 31)),
        ("1399–1405 CE", G, Precision.RANGE, D(1399, 1, 1), D(1405, 12, 31)),
        ("18th century", G, Precision.CENTURY, D(1700, 1, 1), D(1800, 12, 31)),
    ],
)
def test_parse_key_statements(
    statement: str,
    calendar: Calendar,
    precision: Precision,
    earliest: datetime.date | None,
    latest: datetime.date | None,
) -> None:
    d = parse_date(statement)
    assert (d.statement, d.calendar, d.precision) == (statement, calendar, precision)
    assert (d.earliest, d.latest) == (earliest, latest)


def test_twelfth_century_ah_covers_1100_to_1200() -> None:
    d = parse_date("12th century AH")
    assert d.precision is Precision.CENTURY and d.calendar is H
    assert d.earliest == D(1688, 10, 26)
    assert d.latest is not None and d.latest.year == 1786
    assert d.latest == to_gregorian(1200, 12, month_length(1200, 12, H), H)
    assert d.years_in(H) == (1100, 1200)


def test_rajab_1148_lies_inside_1735() -> None:
    d = parse_date("Rajab 1148")
    assert d.calendar is H and d.precision is Precision.EXACT
    assert d.earliest is not None and d.latest is not None
    assert D(1735, 1, 1) <= d.earliest < d.latest <= D(1735, 12, 31)
    assert (d.latest - d.earliest).days + 1 == 30


@pytest.mark.parametrize("statement", ["رجب ۱۱۴۸", "Rajab 1148 AH", "rajab 1148", "رجب ١١٤٨ ه.ق"])
def test_persian_script_and_digits_equal_latin(statement: str) -> None:
    d = parse_date(statement)
    latin = parse_date("Rajab 1148")
    assert (d.calendar, d.earliest, d.latest) == (latin.calendar, latin.earliest, latin.latest)


def test_statement_kept_stripped_and_default_calendar_used() -> None:
    d = parse_date("  1150  ", H)
    assert d.statement == "1150"
    assert d.calendar is H
    assert parse_date("1150 CE", H).calendar is G  # a named calendar wins over the default
    assert parse_date("1150").calendar is G


def test_circa_widens_in_the_statement_calendar() -> None:
    d = parse_date("c. 1150 AH")
    assert d.years_in(H) == (1150 - CIRCA_YEARS, 1150 + CIRCA_YEARS)
    assert d.earliest == to_gregorian(1145, 1, 1, H)


@pytest.mark.parametrize(
    ("statement", "calendar", "expected"),
    [
        ("1 Muharram 1150 AH", H, "1150 AH"),
        ("1 Muharram 1150 AH", G, "1737"),
        ("1 Muharram 1150 AH", J, "1737 (O.S.)"),
        ("1 Muharram 1150 AH", P, "1116 SH"),
        ("1150 AH", G, "1737–1738"),
        ("12th century AH", G, "1688–1786"),
        ("12th century AH", H, "1100–1200 AH"),
        ("c. 1680–1715", G, "c. 1680–1715"),
        ("c. 1150 AH", H, "c. 1150 AH"),
        ("before 1700", G, "before 1700"),
        ("after 1731", G, "after 1731"),
        ("after 1731", H, "after 1144 AH"),
        ("1 Farvardin 1300 SH", P, "1300 SH"),
        ("1 Farvardin 1300 SH", G, "1921"),
        ("1 March 1725 OS", J, "1725 (O.S.)"),
        ("1 January 1725 OS", G, "1725"),
        ("31 December 1725 OS", G, "1726"),
    ],
)
def test_format_years(statement: str, calendar: Calendar, expected: str) -> None:
    assert format_years(parse_date(statement), calendar) == expected


def test_format_years_of_an_open_date_is_empty() -> None:
    assert format_years(HistoricalDate("?", G, Precision.EXACT, None, None), H) == ""


@pytest.mark.parametrize(
    "statement", ["12th century AH", "c. 1680–1715", "before 1700", "after 1731", "Rajab 1148"]
)
def test_to_dict_from_dict_round_trip(statement: str) -> None:
    d = parse_date(statement)
    data = d.to_dict()
    assert set(data) == {"statement", "calendar", "precision", "earliest", "latest"}
    assert HistoricalDate.from_dict(data) == d


def test_to_dict_is_iso() -> None:
    assert parse_date("before 1700").to_dict() == {
        "statement": "before 1700",
        "calendar": "gregorian",
        "precision": "before",
        "earliest": None,
        "latest": "1699-12-31",
    }


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"calendar": "hijri", "precision": "exact"}, "no statement"),
        ({"statement": "x", "calendar": "mayan", "precision": "exact"}, "unknown calendar"),
        (
            {"statement": "x", "calendar": "hijri", "precision": "exact", "earliest": "1737-13-01"},
            "unreadable day",
        ),
        (
            {"statement": "x", "calendar": "hijri", "precision": "range"}
            | {"earliest": "1700-01-01", "latest": "1600-01-01"},
            "before it begins",
        ),
    ],
)
def test_from_dict_rejects_bad_data(data: dict[str, str], fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        HistoricalDate.from_dict(data)


def test_helpers() -> None:
    d = parse_date("c. 1680–1715")
    assert d.gregorian_years() == (1675, 1720)
    assert parse_date("before 1700").years_in(H) == (None, 1111)


@pytest.mark.parametrize("calendar", list(Calendar))
def test_month_names_are_twelve_and_parse_back(calendar: Calendar) -> None:
    names = month_names(calendar)
    assert len(names) == 12
    suffix = {H: "AH", P: "SH", J: "OS", G: ""}[calendar]
    for month, name in enumerate(names, start=1):
        d = parse_date(f"1 {name} 1150 {suffix}")
        assert d.calendar is calendar
        assert d.earliest == to_gregorian(1150, month, 1, calendar)
    names.append("mutated")
    assert len(month_names(calendar)) == 12


def test_month_names_canonical() -> None:
    assert month_names(H)[0] == "Muharram" and month_names(H)[6] == "Rajab"
    assert month_names(P)[0] == "Farvardin" and month_names(P)[11] == "Esfand"
    assert month_names(G)[4] == "May"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1150, 13, 1, H), "no month 13"),
        ((1150, 2, 30, H), "Safar has 29 days"),
        ((1148, 7, 31, H), "Rajab has 30 days"),
        ((1737, 2, 29, G), "February 1737 has 28 days"),
        ((1177, 12, 30, P), "Esfand 1177 SH has 29 days"),
        ((0, 1, 1, G), "outside the years"),
        ((3001, 1, 1, H), "outside the years"),
    ],
)
def test_to_gregorian_rejects_impossible_days(
    args: tuple[int, int, int, Calendar], fragment: str
) -> None:
    with pytest.raises(DateError, match=fragment):
        to_gregorian(*args)


@pytest.mark.parametrize(
    ("statement", "fragment"),
    [
        ("", "the date is empty"),
        ("   ", "the date is empty"),
        ("blah", 'could not read "blah" as a date; write e.g. "1150 AH"'),
        ("31 Rajab 1148", 'Rajab has 30 days; "31 Rajab 1148" is not a date'),
        ("31 Muharram 1150", "Muharram has 30 days"),
        ("30 Safar 1150", "Safar has 29 days"),
        ("30 Dhu al-Hijjah 1148", "Dhu al-Hijjah 1148 AH has 29 days"),
        ("29 February 1737", "February 1737 has 28 days"),
        ("30 Esfand 1177 SH", "Esfand 1177 SH has 29 days"),
        ("1737-13-01", "there is no month 13"),
        ("1700–1600", "the range ends (1600) before it begins (1700)"),
        ("Shaban – Rajab 1148", "the range ends (Rajab 1148) before it begins (Shaban 1148)"),
        ("5000", "year 5000 is outside the years this catalogue accepts (1–3000)"),
        ("0", "year 0 is outside"),
        ("1150 AH / 1737 CE", "names more than one calendar"),
        ("Rajab 1148 CE", "Rajab is a Hijri (lunar) month"),
        ("May 1737 AH", "May is a Gregorian or Julian (Old Style) month"),
        ("Rajab – Farvardin 1148", "mixes months of different calendars"),
        ("Rajab", '"Rajab" has no year'),
        ("before 1700–1710", 'write "before" with one date, not a range'),
        ("35th century", "centuries run from the 1st to the 30th"),
        ("c.", 'could not read "c."'),
        ("before 1", "before 1 January 1 CE"),
    ],
)
def test_bad_statements_raise_helpful_errors(statement: str, fragment: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(statement)
    assert fragment in str(info.value)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)
