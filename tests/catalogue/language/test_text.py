"""Text normalisation: Persian folding, compounds, skeletons, Kazakh Latin, scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.language.text import (
    fold,
    fold_persian,
    is_arabic_script,
    kazakh_to_latin,
    persian_compounds,
    script_of,
    skeleton,
    words,
)

ARTICLE = Path(__file__).resolve().parents[3] / "catalogue/data/texts/press-conference.fa.txt"
ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي", "علی"),  # U+064A Arabic yeh
        ("موسى", "موسی"),  # U+0649 alef maksura
        ("هیئت", "هییت"),  # U+0626 yeh with hamza
        ("كتاب", "کتاب"),  # U+0643 Arabic kaf
        ("أحمد", "احمد"),  # U+0623
        ("إبراهيم", "ابراهیم"),  # U+0625
        ("آسیا", "اسیا"),  # U+0622
        ("ٱلله", "الله"),  # U+0671 alef wasla
        ("رؤسای", "روسای"),  # U+0624 waw with hamza
        ("مدرسة", "مدرسه"),  # U+0629 teh marbuta
        ("خانۀ", "خانه"),  # U+06C0
        ("خانە", "خانه"),  # U+06D5
        ("خانه\u0654", "خانه"),  # heh + hamza above
        ("تَوکهخان", "توکهخان"),  # fatha, from the article
        ("مُحَمَّدٌ", "محمد"),  # damma, fatha, shadda, dammatan
        ("كِتَابٍ", "کتاب"),  # kasra, kasratan
        ("رحمٰن", "رحمن"),  # U+0670 superscript alef
        ("قرآنۖ", "قران"),  # U+06D6 Quranic small high ligature
        ("بـــزرگ", "بزرگ"),  # tatweel
        ("۱۱۵۰", "1150"),  # Persian digits
        ("١١٥٠", "1150"),  # Arabic-Indic digits
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۳۱۰٫۸", "310.8"),  # Arabic decimal separator
        (f"حمل{ZWNJ}ونقل", "حملونقل"),  # ZWNJ
        ("بین\u200dالمللی", "بینالمللی"),  # ZWJ
        ("\u200fتوکه\u200e", "توکه"),  # RLM, LRM
        ("\u061cتوکه", "توکه"),  # Arabic letter mark
        ("Tauke Тәуке", "Tauke Тәуке"),  # other scripts untouched
    ],
)
def test_fold_persian(text: str, expected: str) -> None:
    assert fold_persian(text) == expected


MARKS = [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]  # with tatweel
JOINERS = [0x200C, 0x200D, 0x200E, 0x200F, 0x061C]  # ZWNJ, ZWJ, LRM, RLM, ALM


@pytest.mark.parametrize("code", [*MARKS, *JOINERS])
def test_fold_persian_strips_every_mark_and_joiner(code: int) -> None:
    assert fold_persian(f"ب{chr(code)}ر") == "بر"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TAUKE Khan", "tauke khan"),  # casefold
        ("Straße", "strasse"),
        ("Te\u0301vke", "tévke"),  # NFC
        ("Алёна", "алена"),  # ё → е
        ("ЁЛКА", "елка"),
        ("Але\u0308на", "алена"),  # decomposed ё
        ("ӘҒҚҢӨҰҮҺІ әғқңөұүһі", "әғқңөұүһі әғқңөұүһі"),  # Kazakh letters kept
        ("Täuke", "täuke"),  # Latin diacritics kept
        ("İstanbul", "istanbul"),  # no stray combining dot
        ("كتابي ۱۱۵۰", "کتابی 1150"),  # Persian folding applies
        ("ا\u0653سیا", "اسیا"),  # decomposed آ
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    "forms",
    [
        ("بین\u200cالمللی", "بینالمللی", "بينالمللي"),
        ("حمل\u200cونقل", "حملونقل"),
        ("تَوکهخان", "توکه\u200cخان", "توکهخان"),
        ("۱۱۵۰", "١١٥٠", "1150"),
        ("روسای", "رؤسای"),
    ],
)
def test_fold_makes_variants_equal(forms: tuple[str, ...]) -> None:
    assert len({fold(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("words_", "expected"),
    [
        (["حمل", "و", "نقل"], ["حملو", "ونقل", "حملونقل"]),
        (["بین", "المللی"], ["بینالمللی"]),
        (["قابل", "اعتماد"], ["قابلاعتماد"]),
        (["خان", "نشین"], ["خاننشین"]),
        (["توکه", "خان"], ["توکهخان"]),
        (["بين", "المللي"], ["بینالمللی"]),  # folded
        (["a", "b", "c", "d"], []),  # only Arabic-script windows
        (["Tauke", "خان"], []),
        (["سال", "۱۱۵۰"], []),
        (["خان"], []),
        ([], []),
        (
            ["حمل", "و", "نقل", "جادهای"],
            ["حملو", "ونقل", "نقلجادهای", "حملونقل", "ونقلجادهای"],
        ),
    ],
)
def test_persian_compounds(words_: list[str], expected: list[str]) -> None:
    assert persian_compounds(words_) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Tauke", "Täuke", "Тәуке", "Тауке", "توکه", "تاوکه", "Tevke", "Tavke"], "tk"),
        (["Nader", "Nadir", "Надир", "نادر"], "ndr"),
        (["Abulkhair", "Abu'l-Khair", "Äbılqaiyr", "Әбілқайыр", "Абулхаир", "ابوالخیر"], "blkr"),
        (["Jahangir", "Jäñgır", "Жәңгір", "Джангир", "جهانگیر"], "jnkr"),
        (["Abylai", "Абылай", "ابلای"], "bl"),
        (["Qazaq", "Kazakh", "Қазақ", "قزاق"], "kzk"),
        (["Abolfazl", "ابوالفضل"], "blfzl"),  # ض read as z, as in Persian
        (["Zahra", "زهرا"], "zr"),  # z + h across letters is not zh
        (["Sepehr", "سپهر"], "spr"),
        (["Tauke Khan", "Тәуке хан", "توکه خان"], "tk kn"),  # word boundaries kept
        (["توکه\u200cخان", "تَوکهخان", "Таукехан"], "tkn"),
        (["Ai", "", "1718", "—"], ""),
    ],
)
def test_skeleton(names: list[str], expected: str) -> None:
    assert {name: skeleton(name) for name in names} == dict.fromkeys(names, expected)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Тәуке", "Täuke"),
        ("Әбілқайыр", "Äbılqaiyr"),
        ("Абылай", "Abylai"),
        ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
        ("Жәңгір", "Jäñgır"),
        ("Ұлытау", "Ūlytau"),
        ("Түркістан", "Türkıstan"),
        ("Өскемен", "Öskemen"),
        ("Шоқан Уәлиханов", "Şoqan Uälihanov"),
        ("Шыңғыс", "Şyñğys"),
        ("шаһар", "şahar"),
        ("Ілияс", "Iliias"),
        ("Иран", "İran"),
        ("Йемен", "İemen"),
        ("Чапаев", "Çapaev"),
        ("Юрий", "İurii"),
        ("ЮРТ", "İURT"),
        ("ҚАЗАҚ", "QAZAQ"),
        ("Ёлка", "İolka"),
        ("цирк", "tsirk"),
        ("ащы", "aşşy"),
        ("подъезд", "podezd"),
        ("Гоголь", "Gogol"),
        ("этнос", "etnos"),
        ("Tauke, 1718 ж.", "Tauke, 1718 j."),  # other text passes through
        ("توکه", "توکه"),
    ],
)
def test_kazakh_to_latin(cyrillic: str, latin: str) -> None:
    assert kazakh_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Тауке хан", "Cyrl"),
        ("Тәуке", "Cyrl"),
        ("توکه‌خان", "Arab"),
        ("تَوکهخان", "Arab"),
        ("Tauke Khan", "Latn"),
        ("Täuke", "Latn"),
        ("Tauke خان توکه", "Arab"),  # the majority of letters
        ("ab аб", "Latn"),  # a tie goes to the first
        ("1718 — ۱۱۵۰", "Zyyy"),
        ("", "Zyyy"),
        ("Ἀλέξανδρος", "Grek"),
        ("漢字", "Zzzz"),
    ],
)
def test_script_of(text: str, code: str) -> None:
    assert script_of(text) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تَوکهخان و شاه", ["تَوکهخان", "و", "شاه"]),  # marks stay inside
        (f"حمل{ZWNJ}ونقل", [f"حمل{ZWNJ}ونقل"]),  # ZWNJ inside
        (f"می{ZWNJ} کند", ["می", "کند"]),  # a stray trailing ZWNJ is not part of a word
        ("بـــزرگ", ["بـــزرگ"]),  # tatweel inside
        ("ـــ", []),  # but no word of tatweel alone
        ("۳۱۰.۸ میلیون، 44.9 درصد.", ["۳۱۰.۸", "میلیون", "44.9", "درصد"]),
        ("اجتماعی-اقتصادی", ["اجتماعی", "اقتصادی"]),
        ("Abu'l-Khair", ["Abu", "l", "Khair"]),
        ("Te\u0301vke snake_case", ["Te\u0301vke", "snake", "case"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert [match.group() for match in words(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abu'l-Khair Тауке-хан", ["Abu'l-Khair", "Тауке-хан"]),
        ("Abulkhair - Khan 'Tauke'", ["Abulkhair", "Khan", "Tauke"]),
    ],
)
def test_name_words_keep_apostrophes_and_hyphens(text: str, expected: list[str]) -> None:
    assert [match.group() for match in words(text, names=True)] == expected


def test_words_of_the_article_are_its_substrings() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    found = list(words(article))
    assert len(found) > 900
    assert all(article[m.start() : m.end()] == m.group() for m in found)
    assert "تَوکهخان" in {m.group() for m in found}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("توکه", True),
        ("تَوکهخان", True),
        (f"حمل{ZWNJ}ونقل", True),
        ("۱۱۵۰", False),
        ("1150", False),
        ("Tauke", False),
        ("خان1", False),
        ("", False),
    ],
)
def test_is_arabic_script(word: str, expected: bool) -> None:
    assert is_arabic_script(word) is expected
