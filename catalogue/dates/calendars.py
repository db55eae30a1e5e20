"""Historical dates: a curator's statement in its own calendar plus a derived Gregorian range."""

import calendar as _stdlib_calendar
import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from convertdate import islamic, julian, persian

from catalogue.language.messages import N_, Explained, Message

__all__ = [
    "CIRCA_YEARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "Calendar",
    "DateError",
    "HistoricalDate",
    "Precision",
    "calendar_label",
    "check_date",
    "dated",
    "format_years",
    "from_gregorian",
    "month_length",
    "month_names",
    "month_word",
    "shift_years",
    "span_to_gregorian",
    "to_gregorian",
]


class Calendar(StrEnum):
    """The calendar a date statement is written in."""

    HIJRI = "hijri"  # tabular Islamic (lunar), convertdate.islamic
    PERSIAN = "persian"  # Persian solar (Jalali), convertdate.persian
    JULIAN = "julian"  # Old Style, convertdate.julian
    GREGORIAN = "gregorian"


class Precision(StrEnum):
    """How a statement bounds its date."""

    EXACT = "exact"
    CIRCA = "circa"
    BEFORE = "before"
    AFTER = "after"
    RANGE = "range"
    CENTURY = "century"


class DateError(Explained):
    """A date statement that makes no sense; str(e) is a clear message for a curator."""


# "c. 1700" is stored as 1695–1705 (in the statement's calendar): the uncertainty is kept
# as a range, never turned into a false precision.
CIRCA_YEARS = 5
MIN_YEAR = 1
MAX_YEAR = 3000

_CONVERTERS: dict[Calendar, Any] = {
    Calendar.HIJRI: islamic,
    Calendar.PERSIAN: persian,
    Calendar.JULIAN: julian,
}
_ERAS = {Calendar.HIJRI: " AH", Calendar.PERSIAN: " SH", Calendar.JULIAN: " (O.S.)"}
_LABELS = {  # Messages, so a refusal naming a calendar reads in the page's language
    Calendar.HIJRI: Message("Hijri (lunar)"),
    Calendar.PERSIAN: Message("Persian solar"),
    Calendar.JULIAN: Message("Julian (Old Style)"),
    Calendar.GREGORIAN: Message("Gregorian"),
}
_ENGLISH_MONTHS = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]
_MONTH_NAMES: dict[Calendar, tuple[str, ...]] = {
    Calendar.HIJRI: (
        N_("Muharram"),
        N_("Safar"),
        N_("Rabi al-Awwal"),
        N_("Rabi al-Thani"),
        N_("Jumada al-Ula"),
        N_("Jumada al-Akhira"),
        N_("Rajab"),
        N_("Shaban"),
        N_("Ramadan"),
        N_("Shawwal"),
        N_("Dhu al-Qadah"),
        N_("Dhu al-Hijjah"),
    ),
    Calendar.PERSIAN: (
        N_("Farvardin"),
        N_("Ordibehesht"),
        N_("Khordad"),
        N_("Tir"),
        N_("Mordad"),
        N_("Shahrivar"),
        N_("Mehr"),
        N_("Aban"),
        N_("Azar"),
        N_("Dey"),
        N_("Bahman"),
        N_("Esfand"),
    ),
    Calendar.JULIAN: tuple(_ENGLISH_MONTHS),
    Calendar.GREGORIAN: tuple(_ENGLISH_MONTHS),
}
# A month of a year, and a day, as a refusal names them (templates, so they are translated).
_MONTH_OF_YEAR = {
    Calendar.HIJRI: N_("%(month)s %(year)s AH"),
    Calendar.PERSIAN: N_("%(month)s %(year)s SH"),
    Calendar.JULIAN: N_("%(month)s %(year)s (O.S.)"),
    Calendar.GREGORIAN: N_("%(month)s %(year)s"),
}
_DAY_OF_YEAR = {
    Calendar.HIJRI: N_("%(day)s %(month)s %(year)s AH"),
    Calendar.PERSIAN: N_("%(day)s %(month)s %(year)s SH"),
    Calendar.JULIAN: N_("%(day)s %(month)s %(year)s (O.S.)"),
    Calendar.GREGORIAN: N_("%(day)s %(month)s %(year)s"),
}
# The only month whose length changes from year to year in each calendar.
_VARIABLE_MONTH = {
    Calendar.HIJRI: 12,
    Calendar.PERSIAN: 12,
    Calendar.JULIAN: 2,
    Calendar.GREGORIAN: 2,
}


def month_names(calendar: Calendar) -> list[str]:
    """Canonical English transliterations of the calendar's months; index 0 is month 1."""
    return list(_MONTH_NAMES[calendar])


def month_word(calendar: Calendar, month: int) -> Message:
    """A month's name for a message ("Rajab"), translated with the message; month 1 to 12."""
    return Message(_MONTH_NAMES[calendar][month - 1])


def dated(
    calendar: Calendar, year: int, month: int, day: int | None = None, *, era: bool = True
) -> Message:
    """ "Esfand 1100 SH" or "3 Rajab 1148 AH" for a message (no era mark when era is False)."""
    templates = _DAY_OF_YEAR if day else _MONTH_OF_YEAR
    template = templates[calendar if era else Calendar.GREGORIAN]
    words = {"month": month_word(calendar, month), "year": year}
    return Message(template, day=day, **words) if day else Message(template, **words)


def calendar_label(calendar: Calendar) -> Message:
    """A curator-facing name for the calendar, e.g. "Hijri (lunar)" (translatable)."""
    return _LABELS[calendar]


# convertdate's Persian calendar is astronomical (pymeeus equinoxes, ~10 ms a call); the same
# few years are converted over and over, so caching makes it cheap.
@functools.lru_cache(maxsize=8192)
def month_length(year: int, month: int, calendar: Calendar) -> int:
    """Number of days in that month of that year in that calendar."""
    if calendar is Calendar.GREGORIAN:
        return _stdlib_calendar.monthrange(year, month)[1]
    try:
        return int(_CONVERTERS[calendar].month_length(year, month))
    except ValueError:
        raise _not_convertible(year, calendar) from None


def _not_convertible(year: int, calendar: Calendar) -> DateError:
    # convertdate's Persian calendar rests on pymeeus's equinoxes, which stop at 3000 CE
    # (about 2378 SH), well inside MIN_YEAR..MAX_YEAR: past it, it raises ValueError.
    return DateError(
        "year %(year)s of the %(calendar)s calendar is beyond the years it can be converted for",
        year=year,
        calendar=calendar_label(calendar),
    )


def check_date(
    year: int, month: int, day: int, calendar: Calendar, statement: str | None = None
) -> None:
    """Raise DateError unless year/month/day is a real day of the calendar."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            "year %(year)s is outside the years this catalogue accepts (%(low)s–%(high)s)",
            year=year,
            low=MIN_YEAR,
            high=MAX_YEAR,
        )
    if not 1 <= month <= 12:
        raise DateError("there is no month %(month)s; months run from 1 to 12", month=month)
    days = month_length(year, month, calendar)
    if not 1 <= day <= days:
        name = month_word(calendar, month)
        if month == _VARIABLE_MONTH[calendar]:
            name = dated(calendar, year, month)
        if statement:
            raise DateError(
                '%(month)s has %(days)s days; "%(statement)s" is not a date',
                month=name,
                days=days,
                statement=statement,
            )
        raise DateError(
            "%(month)s has %(days)s days; there is no day %(day)s", month=name, days=days, day=day
        )


def _to_date(year: int, month: int, day: int, calendar: Calendar) -> datetime.date:
    """Convert without range checks (widened circa ranges may leave MIN_YEAR..MAX_YEAR)."""
    if calendar is Calendar.GREGORIAN:
        y, m, d = year, month, day
    else:
        y, m, d = _converted(year, month, day, calendar, to_gregorian=True)
    try:
        return datetime.date(y, m, d)
    except ValueError:
        raise DateError(
            "%(date)s falls outside the days this catalogue can store"
            " (1 January 1 CE to 31 December 9999)",
            date=dated(calendar, year, month, day),
        ) from None


def to_gregorian(year: int, month: int, day: int, calendar: Calendar) -> datetime.date:
    """The proleptic Gregorian day of a day in the given calendar."""
    check_date(year, month, day, calendar)
    return _to_date(year, month, day, calendar)


def from_gregorian(day: datetime.date, calendar: Calendar) -> tuple[int, int, int]:
    """The (year, month, day) in the given calendar of a proleptic Gregorian day."""
    if calendar is Calendar.GREGORIAN:
        return day.year, day.month, day.day
    return _converted(day.year, day.month, day.day, calendar, to_gregorian=False)


@functools.lru_cache(maxsize=65536)
def _converted(
    year: int, month: int, day: int, calendar: Calendar, *, to_gregorian: bool
) -> tuple[int, int, int]:
    converter = _CONVERTERS[calendar]
    convert = converter.to_gregorian if to_gregorian else converter.from_gregorian
    try:
        y, m, d = convert(year, month, day)
    except ValueError:
        raise _not_convertible(year, calendar if to_gregorian else Calendar.GREGORIAN) from None
    return int(y), int(m), int(d)


def shift_years(ymd: tuple[int, int, int], years: int, calendar: Calendar) -> tuple[int, int, int]:
    """Move a calendar day by whole years, clamping to month length and to year 1."""
    year = ymd[0] + years
    if year < MIN_YEAR:
        return MIN_YEAR, 1, 1
    return year, ymd[1], min(ymd[2], month_length(year, ymd[1], calendar))


def span_to_gregorian(
    start: tuple[int, int, int], end: tuple[int, int, int], calendar: Calendar
) -> tuple[datetime.date, datetime.date]:
    """Gregorian days of two calendar days, without the MIN_YEAR..MAX_YEAR check."""
    return _to_date(*start, calendar), _to_date(*end, calendar)


@dataclass(frozen=True)
class HistoricalDate:
    """A date statement as written, with the Gregorian days it may refer to."""

    statement: str
    calendar: Calendar
    precision: Precision
    earliest: datetime.date | None
    latest: datetime.date | None

    def __post_init__(self) -> None:
        # Rows from the database carry the enums as plain strings.
        object.__setattr__(self, "calendar", Calendar(self.calendar))
        object.__setattr__(self, "precision", Precision(self.precision))
        if self.earliest and self.latest and self.latest < self.earliest:
            raise DateError(
                "the range ends (%(end)s) before it begins (%(start)s)",
                end=self.latest,
                start=self.earliest,
            )

    def gregorian_years(self) -> tuple[int | None, int | None]:
        """Gregorian years of the earliest and latest day (None = open)."""
        return self.years_in(Calendar.GREGORIAN)

    def years_in(self, calendar: Calendar) -> tuple[int | None, int | None]:
        """Years of the earliest and latest day expressed in the calendar (None = open)."""
        lo = from_gregorian(self.earliest, calendar)[0] if self.earliest else None
        hi = from_gregorian(self.latest, calendar)[0] if self.latest else None
        return lo, hi

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready dict with ISO dates."""
        return {
            "statement": self.statement,
            "calendar": self.calendar.value,
            "precision": self.precision.value,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> "HistoricalDate":
        """Rebuild a HistoricalDate from to_dict() output."""
        statement = d.get("statement")
        if not isinstance(statement, str):
            raise DateError("a stored date has no statement")
        try:
            calendar = Calendar(str(d.get("calendar")))
            precision = Precision(str(d.get("precision")))
        except ValueError as exc:
            raise DateError(f"a stored date has an unknown calendar or precision: {exc}") from None
        return cls(statement, calendar, precision, _iso(d.get("earliest")), _iso(d.get("latest")))


def _iso(value: object) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DateError(f"a stored date has an unreadable day {value!r}") from None


@dataclass(frozen=True)
class YearWords:
    """How years are worded in one language (``{}`` stands for the years).

    The default is the English scholarly form; the interface passes translated words.
    """

    before: str = "before {}"
    after: str = "after {}"
    circa: str = "c. {}"
    eras: Mapping[Calendar, str] = field(
        default_factory=lambda: {calendar: "{}" + era for calendar, era in _ERAS.items()}
    )
    digits: str = "0123456789"  # the digits to write years with (Persian: ۰۱۲۳۴۵۶۷۸۹)

    def year(self, value: int | str) -> str:
        """A year (or span) in this language's digits."""
        return str(value).translate(str.maketrans("0123456789", self.digits))


ENGLISH_YEARS = YearWords()


def format_years(d: HistoricalDate, calendar: Calendar, words: YearWords = ENGLISH_YEARS) -> str:
    """A short scholarly form of the years in the calendar, e.g. "c. 1680–1715" or "1150 AH"."""
    era = words.eras.get(calendar, "{}")
    if d.earliest is None and d.latest is None:
        return ""
    if d.earliest is None:
        assert d.latest is not None
        # "before 1700" is stored as ending 1699-12-31; show the year it was before.
        year = from_gregorian(_step(d.latest, 1), calendar)[0]
        return words.before.format(era.format(words.year(year)))
    if d.latest is None:
        year = from_gregorian(_step(d.earliest, -1), calendar)[0]
        return words.after.format(era.format(words.year(year)))
    lo = from_gregorian(d.earliest, calendar)[0]
    hi = from_gregorian(d.latest, calendar)[0]
    circa = d.precision is Precision.CIRCA
    if circa:
        # Show the years the source gave, not the stored widened range.
        lo, hi = lo + CIRCA_YEARS, hi - CIRCA_YEARS
        lo, hi = min(lo, hi), max(lo, hi)
    years = era.format(words.year(lo if lo == hi else f"{lo}–{hi}"))
    return words.circa.format(years) if circa else years


def _step(day: datetime.date, days: int) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return day
