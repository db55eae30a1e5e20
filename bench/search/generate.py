"""A deterministic generator of a SYNTHETIC, mixed-script corpus for the search benchmark.

Nothing here is catalogue data. Every document is marked as synthetic three ways: its key
starts with ``synthetic:``, every title starts with ``[SYNTHETIC]``, and the plain rows (for
SQLite FTS5 and the JSONL cache) carry ``"synthetic": true``.

The texts are word salad drawn from small vocabularies written below (Persian, Kazakh
Cyrillic, Russian, English; the Persian words mostly come from
``catalogue/data/texts/press-conference.fa.txt``) with Zipf-distributed frequencies. Persian
text carries the spelling variants the search must fold: Arabic ي/ك for Persian ی/ک, harakat,
tatweel, Persian and Arabic-Indic digits, and compounds written with a ZWNJ, a space or
joined (حمل‌ونقل / حمل و نقل / حملونقل). Each document also gets a kind, names drawn from
persons and places with variants in several scripts (Tauke / Täuke / Тәуке / توکه / تاوکه),
a Gregorian date range within 1100–1900 CE, and facet values.

Usage (writes a JSONL cache)::

    .venv/bin/python -m bench.search.generate --docs 50000 --out /tmp/qoljazba-synthetic.jsonl
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue.search.documents import SearchDocument

SEED = 20261124
GENERATOR_VERSION = 2  # bump when the documents a seed gives change (invalidates caches)
DEFAULT_DOCS = 50_000
WORDS_PER_DOC = 300
ZIPF_S = 1.07
LANGS = ("fa", "kk", "ru", "en")
KINDS = ("manuscript", "page", "person", "place", "event", "source")
KIND_WEIGHTS = (10, 45, 10, 8, 15, 12)
SYNTHETIC_TITLE = "[SYNTHETIC]"
SYNTHETIC_KEY = "synthetic:"
ZWNJ = "\u200c"

# --- Vocabularies ----------------------------------------------------------------------------
# Function words come first: they take the top Zipf ranks in the texts but are never drawn as
# query words (nobody searches for "the"). A "+" in a Persian word marks the parts of a
# compound, written with a ZWNJ, a space or joined in the texts.

FA_FUNCTION = """
و به در از که را است با این آن بر برای تا یک هم نیز او وی خود شد کرد بود دو هر یا اما
"""
FA_CONTENT = """
ایران قزاقستان توقایف همکاری درباره فرهنگی حمل+و+نقل کردند کشور روابط میان قزاق ایرانی
منطقه‌ای تقویت دوجانبه رئیس+جمهور بین+المللی اشاره بزرگ همچنین مشترک تاریخی توسعه
کشاورزی آستانه سفر تأکید شده دارد دیدار گسترش ابراز بیش جمله علم فناوری گفت امضا
همکاری+های بین حوزه افزایش سال تجاری رشد خبری برگزار مهم خاورمیانه ملت برقرار بوده تبادل
سنت+های خان+نشین دیپلماتیک فرستاده دشت+های کرده افزود هزار استان منطقه داشته خطی هیئت
شامل اطلاعات اجتماعی اولیه منابع میدهد میکند دستاوردهای خواهد توافق تبادلات بهداشت شراکت
سازمان رسید لجستیک بخش درصد مسیر ترکمنستان ساخت زمین کالاهای صادرات همچنان برابری نوین
گفت+و+گو داد خواهند نسبت سازمانهای ادامه تهران میلیون دلار گزارش واحد ترجمه پایگاه نقل پی
کنفرانس حضور روسای کشوری جایگاه شریکی قابل+اعتماد زبانی عمیقی دوران جاده ابریشم موجب
ادیان سرزمین+های متعلق امروزی خاطرنشان اسناد آرشیوی توصیف قزاقها عنوان مردمی شجاع تعاملات
شاه سلطان حسین گزارشی هیئت+های سفارتی مسکو سفیری نزد تمایل یادآور استاد مشهور آرامگاه خواجه
ساخته قومی گلستان ساکن هستند میراث اثری معنوی ادبی سراسر توران تأثیر گذاشته آثار فردوسی
حافظ سعدی آشنایی نسخه همراه آورده ارزشمندی تاریخ وضعیت اقتصادی سده هجدهم داده+ها اکتشافات
معدنی استخراج بیان وارث راستین تمدن اوراسیا پیوند پیشرفت اخیر ستود نتیجه تلاش مردم
سیاست+ها متعادل رهبرانش دانست صمیمانه حمایت آینده روشن آرزو اتحاد هدف کلیدی اطمینان محرکی
قوی هشت سند بین+دولتی معاهده کمک حقوقی متقابل امور کیفری پروتکل اصلاحی جاده+ای برنامه+های
وزارتخانه+ها خارجه برنامه تصویب یادداشت مالکیت فکری راهبردی درمان رسانه+ای مجتمع تلویزیون
ریاست+جمهوری صدا+و+سیما جمهوری اسلامی اتصال ظرفیت سخن حدود زمینی کالا اروپا چین موضوعی
اهمیت کریدور شمال جنوب راه+آهن نوسازی شبکه ریلی مسیرهای جدید دریایی دریای خزر آغاز
سرمایه+گذاران مشارکت طرح+ها دعوت نقش دروازه بازارهای آسیای آفریقا برجسته تخصیص بندر
قدردانی باید یکی تبدیل شود موجود مناطق پیشنهاد ایجاد آزاد استقبال امکان تولید نهایی مواد
فراهم گذشته توان چند میزان مدیریت کارآمد دیجیتال صنایع فرآوری فرهنگ آموزش معرفی
پژوهش+های پیوندهای انسانی طلایی شمار وزارت دستور شرکای نمایشگاهی نسخه+های مجموعه فارابی
رهبران حرفه+ای بحث چالش+های جهانی نظر تحریم+ها نگرانی ضرورت بازسازی اعتماد پایبندی منشور
اجرای حقوق حل+و+فصل مسالمت+آمیز مناقشات طریق دیپلماسی هماهنگ پایان گسترده منافع سازگار پایه
دوستی برادری زمینه دهه تاکنون سطح عالی انجام قراردادهای ارزش نخستین قطار ترکیه ماه حجم
تجارت مدت مشابه قبل ناشی نزدیک گندم پنبه محصولات واردات کاهش برخی غذایی صنعتی کتاب+خانه
دیوان مثنوی غزل قصیده رباعی کاتب خوشنویس نستعلیق شکسته ترقیمه مهر حاشیه جلد کاغذ مرکب
تذهیب صفحه برگ رساله تاریخچه شجره فرمان نامه سفیر کاروان بازرگان ایلچی خان سلطنت دربار
قلعه مسجد مدرسه مقبره شهر رود کوه بیابان ایل طایفه قبیله لشکر جنگ صلح پیمان هدیه خراج
"""
KK_FUNCTION = """
және мен бен пен да де та те бұл сол ол олар осы үшін туралы бойынша кейін дейін арасында
соң еді болды деп бар жоқ
"""
KK_CONTENT = """
қолжазба хан хат келісім елші дала керуен саудагер мөр хатшы парақ мұқаба сия қағаз шежіре
елшілік сарай шах сұлтан тайпа орда ру өзен қамал қала мешіт медресе кесене мазар өлең жыр
дұға заң жарлық салық алым жібек ат түйе қой жүн астық тұз сауда жол шекара соғыс бейбітшілік
шайқас әскер батыр аңшылық қыс жаз көктем күз жыл ай күн түн патша ханым ханзада ұл қыз әке
ана аға ақсақал би кеңес жиын билеуші әкім облыс аудан ауыл бақ су құдық шөл тау көл теңіз
кеме айлақ базар тиын күміс алтын мыс темір кітап бет жиек ескертпе атау автор көшіруші
оқырман иесі кітапхана мұрағат жинақ каталог жазба дереккөз тарих әулет билік өлім неке одақ
хабар жауап сыйлық шапан ту дабыл шатыр жайлау қыстау табын үйір көш көшпенді қоныс арық
көпір қақпа қабырға мұнара шам шырақ ораза мереке той күй ән әңгіме аңыз әулие дәруіш ұстаз
шәкірт мектеп сабақ тіл жазу әліпби сөз баған сурет былғары жөндеу зақым дақ үзінді көшірме
басылым аударма түсіндірме сөздік карта сапар саяхатшы жолбасшы күзет тұтқын құн кепіл ант
куә құжат грамота жер мүлік мұра қарыз баға өлшем салмақ солтүстік оңтүстік шығыс батыс ескі
жаңа ұлы кіші қызыл қара ақ көк жасыл көне атақты қасиетті хандық дана батыл алыс жазылған
қазақ парсы орыс жазды жіберді алды келді кетті басқарды көшірді оралды сұрады берді уәде
туды салды бұзды қайтты жеңді басып ұрпақ бабалар елдік халық жұрт ел мемлекет тәуелсіздік
бірлік намыс ерлік қаһарман жорық жасақ қару найза қылыш садақ сауыт дулыға жебе тұлпар
жылқы мал бие қымыз сүт ет нан шай қонақ дастарқан кілем текемет киіз сандық бесік домбыра
қобыз сыбызғы ақын жырау шешен толғау терме айтыс мақал мәтел жұмбақ ертегі дастан эпос
тұрмыс салт дәстүр ғұрып наным сенім ислам дін молда имам қожа төре сұлтандар билер
қазылар ордабасы ұлыс жүз кіші жүз орта жүз
"""
RU_FUNCTION = """
и в на с по к из о от для что это его её их был была были не а но как при после до между
также который
"""
RU_CONTENT = """
рукопись хан письмо договор посол степь караван купец печать писец колофон лист переплёт
чернила бумага летопись посольство двор шах султан племя орда род река крепость город мечеть
медресе гробница мавзолей стихотворение стих молитва закон указ налог дань шёлк конь верблюд
овца шерсть зерно соль торговля путь дорога граница война мир битва войско всадник охота
зима лето весна осень год месяц день ночь царь царица князь сын дочь отец мать брат
старейшина судья совет собрание правитель губернатор губерния уезд аул сад вода колодец
пустыня гора озеро море корабль порт рынок базар монета серебро золото медь железо книга
страница поле заметка заглавие автор переписчик читатель владелец библиотека архив каталог
запись источник история родословная династия правление смерть рождение брак союз послание
ответ подарок халат знамя барабан шатёр юрта пастбище стадо кочевье кочевник поселение
оазис канал мост ворота стена башня дворец зал лампа свеча пост праздник музыка песня рассказ
легенда герой святой дервиш учитель ученик школа урок грамматика язык наречие письменность
алфавит слово строка столбец миниатюра позолота кожа обложка реставрация повреждение пятно
фрагмент копия издание перевод комментарий словарь карта путешествие путешественник
проводник охрана пленник выкуп заложник клятва свидетель документ грамота земля имение вакф
наследство долг цена мера вес север юг восток запад старый новый великий малый красный
чёрный белый синий зелёный золотой древний знаменитый священный царский мудрый храбрый
далёкий написанный подписанный присланный полученный казахский персидский русский
написал отправил получил прибыл уехал правил завоевал подписал переписал вернулся просил
ответил обещал пожаловал умер родился построил разрушил принял посетил сообщил описал
назначил собрал хранится находится упоминается переведён издан утерян найден
жуз ханство подданство присяга экспедиция миссия переговоры канцелярия коллегия
"""
EN_FUNCTION = """
the of and in to a with from by for on at as his her their this that was were is which who
after before between
"""
EN_CONTENT = """
manuscript khan letter treaty envoy steppe caravan merchant seal scribe colophon folio
binding ink paper chronicle embassy court shah sultan tribe horde clan river fortress city
mosque madrasa tomb shrine poem verse prayer law decree tax tribute silk horse camel sheep
wool grain salt trade route road border war peace battle army rider hunt winter summer
spring autumn year month day night king queen prince son daughter father mother brother
elder judge council assembly ruler governor province district village garden water well
desert mountain lake sea ship port market bazaar coin silver gold copper iron book page
margin note title author copyist reader owner library archive collection catalogue record
source history genealogy lineage dynasty reign death birth marriage alliance message reply
gift robe banner drum tent yurt pasture herd flock migration nomad settlement oasis canal
bridge gate wall tower palace hall lamp candle fasting feast festival music song story legend
hero saint dervish teacher student school lesson grammar language dialect script alphabet
word sentence line column illumination painting miniature gilding leather cover repair
damage stain fragment copy edition translation commentary dictionary map journey traveller
guide escort guard captive ransom hostage oath witness document charter deed grant land
estate endowment waqf property inheritance debt loan price measure weight north south east
west frontier old new great small red black white blue green golden northern southern
eastern western ancient famous sacred royal noble wise brave faithful distant written signed
sealed sent received copied bound damaged restored wrote arrived departed ruled conquered
travelled returned asked answered promised granted died born married built destroyed
visited reported described appointed gathered kept found lost printed translated mentioned
kazakh persian russian arabic chagatai ottoman safavid afsharid qajar timurid juz khanate
allegiance expedition mission negotiation chancery
"""

# --- Names -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """A person or place with its name in several scripts, each variant tagged with a script."""

    slug: str
    variants: tuple[tuple[str, str], ...]  # (ISO 15924 script, name)

    def in_script(self, script: str) -> list[str]:
        """The variants written in one script."""
        return [name for code, name in self.variants if code == script]

    @property
    def scripts(self) -> list[str]:
        """The scripts this name has variants in (in order of first appearance)."""
        return list(dict.fromkeys(code for code, _ in self.variants))


def _named(slug: str, latin: str, cyrillic: str, arabic: str) -> Named:
    variants = [("Latn", v) for v in latin.split("|")]
    variants += [("Cyrl", v) for v in cyrillic.split("|")]
    variants += [("Arab", v) for v in arabic.split("|")]
    return Named(slug, tuple(variants))


CURATED_PERSONS = (
    _named("tauke-khan", "Tauke|Täuke", "Тәуке|Тауке", "توکه|تاوکه"),
    _named("nader-shah", "Nader|Nadir", "Надир|Надер", "نادر"),
    _named("abulkhair-khan", "Abulkhair|Abu'l-Khair", "Әбілқайыр|Абулхаир", "ابوالخیر"),
    _named("ablai-khan", "Ablai|Abylai", "Абылай|Аблай", "ابلای"),
    _named("kenesary-khan", "Kenesary|Kenesari", "Кенесары", "کنساری"),
    _named("esim-khan", "Esim|Yesim", "Есім|Есим", "اسیم"),
    _named("abbas-i", "Abbas", "Аббас", "عباس"),
    _named(
        "soltan-hosein", "Soltan Hosein|Sultan Husayn", "Султан Хусейн|Сұлтан Хұсайын", "سلطان حسین"
    ),
    _named("tokhtamysh", "Tokhtamysh|Toqtamys", "Тоқтамыс|Тохтамыш", "توقتمش"),
    _named("zhangir-khan", "Zhangir|Jahangir", "Жәңгір|Джангир", "جهانگیر"),
    _named("kasym-khan", "Kasym|Qasym", "Қасым|Касым", "قاسم"),
    _named("haqnazar-khan", "Haqnazar|Khaknazar", "Хақназар|Хакназар", "حقنظر"),
    _named("ahmad-yasawi", "Ahmad Yasawi|Ahmed Yesevi", "Ахмет Ясауи|Ахмед Ясави", "احمد یسوی"),
    _named("timur", "Timur|Temir", "Темір|Тимур", "تیمور"),
    _named("abai", "Abai|Abay", "Абай", "آبای"),
    _named("tole-bi", "Tole bi|Töle bi", "Төле би|Толе би", "توله بی"),
    _named("aiteke-bi", "Aiteke bi|Äiteke bi", "Әйтеке би|Айтеке би", "آیتکه بی"),
    _named("karim-khan", "Karim Khan|Kerim Khan", "Кәрім хан|Карим-хан", "کریم خان"),
    _named("shahrukh", "Shahrukh|Shah Rukh", "Шахрух", "شاهرخ"),
    _named("hafez", "Hafez|Hafiz", "Хафиз|Хафез", "حافظ"),
)
CURATED_PLACES = (
    _named("turkestan", "Turkestan|Türkistan", "Түркістан|Туркестан", "ترکستان"),
    _named("bukhara", "Bukhara|Bokhara", "Бұхара|Бухара", "بخارا"),
    _named("samarkand", "Samarkand|Samarqand", "Самарқанд|Самарканд", "سمرقند"),
    _named("isfahan", "Isfahan|Esfahan", "Исфахан", "اصفهان"),
    _named("mashhad", "Mashhad|Meshed", "Мешхед|Мәшһад", "مشهد"),
    _named("tabriz", "Tabriz", "Тебриз|Тәбриз", "تبریز"),
    _named("khiva", "Khiva|Xiva", "Хиуа|Хива", "خیوه"),
    _named("herat", "Herat", "Герат|Һерат", "هرات"),
    _named("orenburg", "Orenburg", "Орынбор|Оренбург", "اورنبورگ"),
    _named("sygnak", "Sygnak|Syghanaq", "Сығанақ|Сыгнак", "سغناق"),
    _named("sairam", "Sairam|Sayram", "Сайрам", "سیرام"),
    _named("otrar", "Otrar|Otyrar", "Отырар|Отрар", "اترار"),
    _named("tashkent", "Tashkent|Toshkent", "Ташкент", "تاشکند"),
    _named("kazan", "Kazan|Qazan", "Қазан|Казань", "قازان"),
    _named("astrakhan", "Astrakhan|Ashtarkhan", "Астрахан|Астрахань", "حاجی‌ترخان"),
)
# Syllables with parallel Latin, Cyrillic and Arabic-script spellings, for generated names.
SYLLABLES = (
    ("ba", "ба", "با"),
    ("tur", "тұр", "تور"),
    ("kan", "қан", "قان"),
    ("sar", "сар", "سار"),
    ("mir", "мір", "میر"),
    ("dal", "дал", "دال"),
    ("zhan", "жан", "جان"),
    ("nur", "нұр", "نور"),
    ("bek", "бек", "بیک"),
    ("ai", "ай", "آی"),
    ("ra", "ра", "را"),
    ("sul", "сұл", "سول"),
    ("tai", "тай", "تای"),
    ("ker", "кер", "کر"),
    ("bol", "бол", "بول"),
    ("mur", "мұр", "مور"),
    ("dos", "дос", "دوس"),
    ("tem", "тем", "تم"),
    ("gul", "гүл", "گل"),
    ("shah", "шах", "شاه"),
    ("kul", "құл", "قول"),
    ("zha", "жа", "جا"),
    ("sy", "сы", "سی"),
    ("man", "ман", "مان"),
    ("lan", "лан", "لان"),
    ("rus", "рұс", "روس"),
    ("tal", "тал", "تال"),
    ("bai", "бай", "بای"),
)
GENERATED_PERSONS = 400
GENERATED_PLACES = 120
SUBJECTS = (
    "history",
    "diplomacy",
    "genealogy",
    "poetry",
    "law",
    "religion",
    "trade",
    "geography",
    "medicine",
    "astronomy",
    "grammar",
    "music",
    "warfare",
    "taxation",
    "endowments",
    "correspondence",
    "travel",
    "biography",
    "lexicography",
    "calligraphy",
    "sufism",
    "ethnography",
    "epic",
    "chronicle",
    "customary-law",
    "agriculture",
    "nomadism",
    "architecture",
    "numismatics",
    "cartography",
)
# Languages of original texts and their scripts (for manuscripts, pages and sources).
TEXT_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("fa", "Arab"),
    ("chg", "Arab"),
    ("ar", "Arab"),
    ("ota", "Arab"),
    ("kk", "Cyrl"),
    ("ru", "Cyrl"),
    ("en", "Latn"),
)
TEXT_LANGUAGE_WEIGHTS = (40, 20, 12, 5, 10, 10, 3)
KIND_LABELS = {
    "en": ("Manuscript", "Page", "Person", "Place", "Event", "Source"),
    "ru": ("Рукопись", "Страница", "Лицо", "Место", "Событие", "Источник"),
    "kk": ("Қолжазба", "Бет", "Тұлға", "Орын", "Оқиға", "Дереккөз"),
    "fa": ("نسخه خطی", "صفحه", "شخص", "مکان", "رویداد", "منبع"),
}


def _generated_names(
    rng: random.Random, prefix: str, count: int, suffix: Named | None
) -> list[Named]:
    out: list[Named] = []
    seen: set[str] = set()
    while len(out) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
        latin = "".join(p[0] for p in parts).capitalize()
        if latin in seen:
            continue
        seen.add(latin)
        cyrillic = "".join(p[1] for p in parts).capitalize()
        arabic = "".join(p[2] for p in parts)
        variants = [("Latn", latin), ("Cyrl", cyrillic), ("Arab", arabic)]
        if suffix is not None:  # places: Baturabad / Батұрабад / باتورآباد
            variants = [
                (code, name + ending)
                for (code, name), (_, ending) in zip(variants, suffix.variants, strict=True)
            ]
        out.append(Named(f"{prefix}-{len(out) + 1:04d}", tuple(variants)))
    return out


# --- Persian spelling variants ---------------------------------------------------------------

_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})
_HARAKAT = ("\u064e", "\u0650", "\u064f", "\u0651", "\u0652")  # fatha kasra damma shadda sukun
_TATWEEL = "\u0640"
_NON_JOINING = set("اآأإدذرزژوؤ")  # letters that do not join the next one: no tatweel after
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _persian_forms(word: str, rng: random.Random) -> list[str]:
    """Spellings of one vocabulary word, repeated to weigh how often each appears (of 20)."""
    if "+" in word:  # a compound: ZWNJ 50%, spaced 25%, joined 25%
        parts = word.split("+")
        # A ZWNJ only where the letter before it would otherwise join: حمل‌ونقل, گفت‌وگو.
        zwnj = parts[0]
        for part in parts[1:]:
            zwnj += ("" if zwnj[-1] in _NON_JOINING else ZWNJ) + part
        return [zwnj] * 10 + [" ".join(parts)] * 5 + ["".join(parts)] * 5
    forms = [word] * 15
    arabic = word.translate(_ARABIC_LETTERS)
    forms += [arabic] * 2 if arabic != word else [word] * 2
    letter = rng.randrange(len(word))
    forms.append(word[: letter + 1] + rng.choice(_HARAKAT) + word[letter + 1 :])  # harakat
    joining = [i for i, ch in enumerate(word[:-1]) if ch not in _NON_JOINING]
    if joining:
        at = rng.choice(joining) + 1
        forms.append(word[:at] + _TATWEEL + word[at:])  # tatweel (kashida)
    else:
        forms.append(word)
    forms.append(arabic[:1] + "\u064e" + arabic[1:])  # Arabic letters and a fatha
    return forms


def persian_number(value: int, rng: random.Random) -> str:
    """A number as Persian text writes it: Persian digits mostly, else Arabic-Indic or ASCII."""
    text = str(value)
    roll = rng.random()
    if roll < 0.6:
        return text.translate(_PERSIAN_DIGITS)
    if roll < 0.8:
        return text.translate(_ARABIC_DIGITS)
    return text


# --- Vocabulary with Zipf weights -----------------------------------------------------------


@dataclass
class Vocabulary:
    """One language's words in rank order, with cumulative Zipf weights for sampling."""

    lang: str
    words: list[str]  # rank order; function words first
    function_count: int
    cum_weights: list[float]

    @property
    def content(self) -> list[str]:
        """The words a query may use, most frequent first."""
        return self.words[self.function_count :]

    def sample(self, rng: random.Random, count: int) -> list[str]:
        """Words drawn with Zipf frequencies."""
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)


def _vocabulary(lang: str, function: str, content: str) -> Vocabulary:
    head = list(dict.fromkeys(function.split()))
    tail = [w for w in dict.fromkeys(content.split()) if w not in head]
    words = head + tail
    weights = [1.0 / (rank**ZIPF_S) for rank in range(1, len(words) + 1)]
    return Vocabulary(lang, words, len(head), list(itertools.accumulate(weights)))


VOCABULARIES = {
    "fa": _vocabulary("fa", FA_FUNCTION, FA_CONTENT),
    "kk": _vocabulary("kk", KK_FUNCTION, KK_CONTENT),
    "ru": _vocabulary("ru", RU_FUNCTION, RU_CONTENT),
    "en": _vocabulary("en", EN_FUNCTION, EN_CONTENT),
}


def _zipf_cum(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**ZIPF_S) for rank in range(1, count + 1)))


# --- The corpus ------------------------------------------------------------------------------


class Corpus:
    """The seeded generator: the same seed and count give the same documents, in order."""

    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        rng = random.Random(seed)
        self.persian_forms = {w: _persian_forms(w, rng) for w in VOCABULARIES["fa"].words}
        place_suffix = Named("suffix", (("Latn", "abad"), ("Cyrl", "абад"), ("Arab", "آباد")))
        self.persons: list[Named] = [
            *CURATED_PERSONS,
            *_generated_names(rng, "synthetic-person", GENERATED_PERSONS, None),
        ]
        self.places: list[Named] = [
            *CURATED_PLACES,
            *_generated_names(rng, "synthetic-place", GENERATED_PLACES, place_suffix),
        ]
        rng.shuffle(self.persons)  # curated names spread over the Zipf ranks, not all on top
        rng.shuffle(self.places)
        self._person_cum = _zipf_cum(len(self.persons))
        self._place_cum = _zipf_cum(len(self.places))
        self._subject_cum = _zipf_cum(len(SUBJECTS))
        self.by_slug = {n.slug: n for n in (*self.persons, *self.places)}

    # -- texts ----------------------------------------------------------------------------

    def _text(self, rng: random.Random, lang: str, count: int) -> str:
        vocab = VOCABULARIES[lang]
        tokens = vocab.sample(rng, count)
        if lang == "fa":
            forms = self.persian_forms
            rand = rng.random
            out = []
            for token in tokens:
                choices = forms[token]
                out.append(choices[int(rand() * len(choices))])
                if rand() < 0.015:
                    out.append(
                        persian_number(
                            rng.choice((rng.randint(1100, 1900), rng.randint(1, 500))), rng
                        )
                    )
            tokens = out
        sentences: list[str] = []
        start = 0
        while start < len(tokens):
            length = rng.randint(8, 16)
            sentence = tokens[start : start + length]
            start += length
            if lang != "fa":
                sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            sentences.append(" ".join(sentence) + ".")
        return " ".join(sentences)

    def _title(self, rng: random.Random, lang: str, kind_index: int) -> str:
        words = rng.sample(VOCABULARIES[lang].content[:150], 3)
        if lang == "fa":  # the first form: as written, a compound with its ZWNJ
            words = [self.persian_forms[word][0] for word in words]
        return f"{KIND_LABELS[lang][kind_index]}: {' '.join(words)}"

    # -- documents ------------------------------------------------------------------------

    def _dates(
        self, rng: random.Random, kind: str
    ) -> tuple[datetime.date | None, datetime.date | None]:
        if (kind == "place" and rng.random() < 0.8) or rng.random() < 0.05:
            return None, None
        span = {
            "event": rng.choice((0, 0, 0, 1, 2, 5)),
            "person": rng.randint(20, 70),
            "manuscript": rng.choice((0, 0, 5, 10, 25, 50, 100)),
            "page": rng.choice((0, 0, 5, 10, 25, 50)),
            "source": rng.choice((0, 1, 10, 30)),
        }.get(kind, rng.randint(50, 300))
        start = rng.randint(1100, 1900 - span)
        return datetime.date(start, 1, 1), datetime.date(start + span, 12, 31)

    def _pick(
        self, rng: random.Random, pool: Sequence[Named], cum: list[float], count: int
    ) -> list[Named]:
        picked = rng.choices(pool, cum_weights=cum, k=count)
        return list({n.slug: n for n in picked}.values())

    def document(self, number: int) -> SearchDocument:
        """Document number `number` (0-based); each number has its own seeded generator."""
        rng = random.Random(self.seed * 1_000_003 + number)
        kind_index = rng.choices(range(len(KINDS)), weights=KIND_WEIGHTS)[0]
        kind = KINDS[kind_index]
        record = f"synthetic-{number:06d}"
        key = f"{SYNTHETIC_KEY}{kind}:{record}"
        doc = SearchDocument(key=key, kind=kind, record_id=record, version=1)
        if kind == "page":
            doc.page = f"{rng.randint(1, 300)}{rng.choice('rv')}"
        # Texts: ~300 words, 55% in a primary language, 15% in each other one.
        total = max(150, min(450, int(rng.gauss(WORDS_PER_DOC, 50))))
        primary = rng.choices(LANGS, weights=(40, 20, 20, 20))[0]
        for lang in LANGS:
            title = self._title(rng, lang, kind_index)
            # The number is in the stored title only: a unique term per document in every
            # text field would be an artefact (real labels rarely carry one).
            doc.titles[lang] = f"{SYNTHETIC_TITLE} {number} {title}"
            share = 0.55 if lang == primary else 0.15
            doc.texts[lang] = f"{title}\n{self._text(rng, lang, int(total * share))}"
        # Names: persons and places, each in one script (a person's own record holds them all).
        persons = self._pick(rng, self.persons, self._person_cum, rng.choice((0, 1, 1, 2, 3)))
        places = self._pick(rng, self.places, self._place_cum, rng.choice((0, 1, 1, 2)))
        own: Named | None = None
        if kind == "person":
            persons = persons or self._pick(rng, self.persons, self._person_cum, 1)
            own = persons[0]
        elif kind == "place":
            places = places or self._pick(rng, self.places, self._place_cum, 1)
            own = places[0]
        if own is not None:
            doc.names += [name for _, name in own.variants]
        for named in (*persons, *places):
            if named is not own:
                doc.names.append(rng.choice(named.variants)[1])
        doc.names = list(dict.fromkeys(doc.names))
        doc.persons = sorted(n.slug for n in persons)
        doc.places = sorted(n.slug for n in places)
        subjects = rng.choices(SUBJECTS, cum_weights=self._subject_cum, k=rng.randint(1, 3))
        doc.subjects = sorted(dict.fromkeys(subjects))
        if kind in ("manuscript", "page", "source"):
            picked = rng.choices(TEXT_LANGUAGES, weights=TEXT_LANGUAGE_WEIGHTS, k=rng.randint(1, 2))
            doc.languages = sorted(dict.fromkeys(code for code, _ in picked))
            doc.scripts = sorted(dict.fromkeys(script for _, script in picked))
        doc.date_from, doc.date_to = self._dates(rng, kind)
        return doc

    def documents(self, count: int = DEFAULT_DOCS) -> Iterator[SearchDocument]:
        """The first `count` documents."""
        return (self.document(number) for number in range(count))


def generate(count: int = DEFAULT_DOCS, seed: int = SEED) -> Iterator[SearchDocument]:
    """`count` synthetic documents from the seeded generator."""
    return Corpus(seed).documents(count)


# --- Plain rows (FTS5) and the JSONL cache ---------------------------------------------------


def plain_row(doc: SearchDocument) -> dict[str, Any]:
    """The same content as a plain row: what the FTS5 tables and the JSONL cache hold."""
    return {
        "synthetic": True,
        "key": doc.key,
        "kind": doc.kind,
        "record_id": doc.record_id,
        "version": doc.version,
        "page": doc.page,
        "titles": doc.titles,
        "texts": doc.texts,
        "names": doc.names,
        "languages": doc.languages,
        "scripts": doc.scripts,
        "persons": doc.persons,
        "places": doc.places,
        "subjects": doc.subjects,
        "date_from": doc.date_from.isoformat() if doc.date_from else None,
        "date_to": doc.date_to.isoformat() if doc.date_to else None,
    }


def from_row(row: dict[str, Any]) -> SearchDocument:
    """A SearchDocument back from a plain row."""
    if not row.get("synthetic") or not str(row["key"]).startswith(SYNTHETIC_KEY):
        raise ValueError(f"not a synthetic benchmark document: {row.get('key')!r}")
    return SearchDocument(
        key=row["key"],
        kind=row["kind"],
        record_id=row["record_id"],
        version=row["version"],
        page=row["page"],
        titles=row["titles"],
        texts=row["texts"],
        names=row["names"],
        languages=row["languages"],
        scripts=row["scripts"],
        persons=row["persons"],
        places=row["places"],
        subjects=row["subjects"],
        date_from=datetime.date.fromisoformat(row["date_from"]) if row["date_from"] else None,
        date_to=datetime.date.fromisoformat(row["date_to"]) if row["date_to"] else None,
    )


def write_jsonl(docs: Iterable[SearchDocument], path: Path, *, seed: int) -> int:
    """Write documents to a JSONL file (a header line first); returns how many."""
    count = 0
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        header = {"synthetic_corpus": True, "seed": seed, "version": GENERATOR_VERSION}
        out.write(json.dumps(header) + "\n")
        for doc in docs:
            out.write(json.dumps(plain_row(doc), ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)
    return count


def read_jsonl(path: Path) -> tuple[int | None, list[SearchDocument]]:
    """The seed and the documents of a JSONL cache."""
    with path.open(encoding="utf-8") as lines:
        header = json.loads(next(lines))
        if not header.get("synthetic_corpus"):
            raise ValueError(f"{path} is not a synthetic corpus cache")
        if header.get("version") != GENERATOR_VERSION:
            return None, []  # made by another version of the generator: not this corpus
        return header.get("seed"), [from_row(json.loads(line)) for line in lines]


def load_or_generate(count: int, seed: int, cache: Path | None) -> list[SearchDocument]:
    """The corpus from a JSONL cache holding this seed and count, else generated (and cached)."""
    if cache is not None and cache.exists():
        cached_seed, docs = read_jsonl(cache)
        if cached_seed == seed and len(docs) >= count:
            return docs[:count]
    docs = list(generate(count, seed))
    if cache is not None:
        write_jsonl(docs, cache, seed=seed)
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    """Write a synthetic corpus to a JSONL file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=Path("/tmp/qoljazba-synthetic.jsonl"))
    args = parser.parse_args(argv)
    count = write_jsonl(generate(args.docs, args.seed), args.out, seed=args.seed)
    print(f"wrote {count} synthetic documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
