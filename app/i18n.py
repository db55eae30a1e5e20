"""Interface language: ?lang=, then the cookie, then the browser's, then the default."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, request
from flask_babel import Babel, get_locale, gettext, pgettext
from markupsafe import Markup, escape

from app import context
from catalogue.dates.calendars import Calendar, HistoricalDate, YearWords, format_years
from catalogue.language.localized import LANGUAGES, RTL_LANGUAGES, LocalizedText
from catalogue.language.messages import Message
from catalogue.language.vocabulary import Vocabulary
from catalogue.reading.vocabulary_labels import LABELS

COOKIE = "lang"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English", "fa": "فارسی"}


def select_language() -> str:
    """The language of this request (a kiosk URL names it; the kiosk keeps no cookie)."""
    fixed = g.get("language")
    if fixed in LANGUAGES:
        return str(fixed)
    chosen = request.args.get("lang") or request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or context.settings().default_language


def current_language() -> str:
    """The language this response is being written in."""
    return str(get_locale() or context.settings().default_language)


def localized(value: LocalizedText | None) -> Markup:
    """A value in the page's language, or the nearest one marked with its language (never blank)."""
    lang = current_language()
    best = value.best(lang) if value else None
    if best is None:
        return Markup("")
    found_lang, found = best
    if found_lang == lang:
        return escape(found.text)
    direction = "rtl" if found_lang in RTL_LANGUAGES else "ltr"
    return Markup(
        '<span lang="{lang}" dir="{dir}">{text}</span> <small class="other-lang">({name})</small>'
    ).format(lang=found_lang, dir=direction, text=found.text, name=LANGUAGE_NAMES[found_lang])


def plain(value: LocalizedText | None) -> str:
    """A value in the page's language or the nearest one, as plain text (titles, attributes)."""
    best = value.best(current_language()) if value else None
    return best[1].text if best else ""


def current_vocabulary(version: int | None = None) -> Vocabulary:
    """The vocabulary with the labels in effect (curators' corrections included), once per
    request; `version`: the catalogue version just read (the kiosk's cache passes it)."""
    found: Vocabulary | None = g.get("vocabulary_in_effect")
    if found is None or version is not None:
        found = g.vocabulary_in_effect = LABELS.get(context.session(), version)
    return found


def term(vocabulary_name: str, key: str) -> str:
    """A vocabulary term's label in effect, in the page's language."""
    return current_vocabulary().label(vocabulary_name, key, current_language())


PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def year_words() -> YearWords:
    """How the page's language words years ("c. 1680–1715", "1150 AH"), from the catalogues."""
    return YearWords(
        before=gettext("before {}"),
        after=gettext("after {}"),
        circa=gettext("c. {}"),
        eras={
            Calendar.GREGORIAN: pgettext("a year in the Gregorian calendar", "{}"),
            Calendar.HIJRI: pgettext("a year in the Hijri calendar", "{} AH"),
        },
        digits=PERSIAN_DIGITS if current_language() == "fa" else "0123456789",
    )


def both_calendars(value: HistoricalDate | None) -> str:
    """A date in both calendars, worded in the page's language: '1737 · 1150 AH'."""
    if value is None:
        return ""
    words = year_words()
    gregorian = format_years(value, Calendar.GREGORIAN, words)
    hijri = format_years(value, Calendar.HIJRI, words)
    return " · ".join(part for part in (gregorian, hijri) if part)


def translated(message: object) -> str:
    """A message from catalogue/ in the page's language (its English text if untranslated)."""
    if not isinstance(message, Message):
        return str(message)
    params = {
        key: translated(value) if isinstance(value, Message) else value
        for key, value in message.params.items()
    }
    return str(gettext(message.template, **params))


def install(app: Flask) -> None:
    """Set up Flask-Babel and the template helpers."""
    Babel(app, locale_selector=select_language, default_translation_directories="translations")
    # A label corrected through this process shows on its next page, not a second later.
    with app.app_context():
        context.database().after_commit.append(lambda _changes: LABELS.recheck_soon())

    @app.context_processor
    def _helpers() -> dict[str, Any]:
        lang = current_language()
        return {
            "lang": lang,
            "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "languages": LANGUAGE_NAMES,
            "localized": localized,
            "plain": plain,
            "term": term,
            "both_calendars": both_calendars,
            "translated": translated,
        }

    @app.after_request
    def _remember(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and chosen != request.cookies.get(COOKIE):
            response.set_cookie(COOKIE, chosen, max_age=365 * 86400, samesite="Lax", httponly=True)
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        return response
