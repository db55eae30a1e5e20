"""IIIF Presentation API 3.0 documents (as data): a manifest per manuscript and the collection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from catalogue.images.pyramid import thumbnail_size
from catalogue.language.localized import LANGUAGES, LocalizedText
from catalogue.models import Manuscript, Page

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# Nobody has yet determined the rights in these scans; say exactly that.
RIGHTS = "http://rightsstatements.org/vocab/CNE/1.0/"
PLACEHOLDER_SIZE = (300, 400)  # static/img/placeholder-page.svg

LangMap = dict[str, list[str]]

ATTRIBUTION_LABEL: LangMap = {
    "kk": ["Дереккөз"],
    "ru": ["Источник"],
    "en": ["Attribution"],
    "fa": ["منبع"],
}
ATTRIBUTION: LangMap = {
    "kk": ["Иран Қазақстанға сыйға тартқан 27 тарихи қолжазба. Qoljazba каталогы."],
    "ru": ["27 исторических рукописей, переданных Ираном Казахстану. Каталог Qoljazba."],
    "en": ["The 27 historical manuscripts presented by Iran to Kazakhstan. Qoljazba catalogue."],
    "fa": ["۲۷ نسخهٔ خطی تاریخی اهدایی ایران به قزاقستان. فهرست قولجازبا."],
}
NO_SCAN: LangMap = {
    "kk": ["сканері әлі жоқ (орынбасар сурет)"],
    "ru": ["скана пока нет (изображение-заглушка)"],
    "en": ["no scan yet (placeholder drawing)"],
    "fa": ["هنوز اسکن نشده (تصویر جایگزین)"],
}
NO_PAGES: LangMap = {
    "kk": ["Беттердің сканерлері әлі қосылмаған (орынбасар сурет)"],
    "ru": ["Сканы страниц ещё не добавлены (изображение-заглушка)"],
    "en": ["No page scans added yet (placeholder drawing)"],
    "fa": ["هنوز اسکن صفحه‌ای افزوده نشده است (تصویر جایگزین)"],
}
METADATA_LABELS: dict[str, LangMap] = {
    "shelfmark": {"kk": ["Шифр"], "ru": ["Шифр"], "en": ["Shelfmark"], "fa": ["شمارهٔ بازیابی"]},
    "status": {
        "kk": ["Каталогтау"],
        "ru": ["Каталогизация"],
        "en": ["Cataloguing"],
        "fa": ["فهرست‌نویسی"],
    },
    "record": {"kk": ["Жазба"], "ru": ["Запись"], "en": ["Record"], "fa": ["رکورد"]},
}
IN_PROGRESS: LangMap = {
    "kk": ["жүріп жатыр"],
    "ru": ["идёт"],
    "en": ["in progress"],
    "fa": ["در جریان"],
}
DONE: LangMap = {"kk": ["аяқталды"], "ru": ["завершена"], "en": ["done"], "fa": ["انجام شده"]}


@dataclass(frozen=True)
class Links:
    """Absolute URLs the documents point at, made by the web layer."""

    base: str  # the site, e.g. https://qoljazba.example.kz (no trailing slash)

    def manifest(self, slug: str) -> str:
        return f"{self.base}/iiif/manuscripts/{slug}/manifest.json"

    def collection(self) -> str:
        return f"{self.base}/iiif/collection.json"

    def image_service(self, key: str) -> str:
        return f"{self.base}/iiif/3/{key}"

    def record_page(self, slug: str) -> str:
        return f"{self.base}/manuscripts/{slug}"

    def placeholder(self) -> str:
        return f"{self.base}/static/img/placeholder-page.svg"


def language_map(value: LocalizedText, fallback: LangMap | None = None) -> LangMap:
    """A IIIF language map of the languages a value has (fa, kk, ru, en)."""
    result = {lang: [value[lang].text] for lang in LANGUAGES if lang in value}
    return result or dict(fallback or {"none": [""]})


def _with_suffix(label: str, suffix: LangMap) -> LangMap:
    return {lang: [f"{label}: {text[0]}"] for lang, text in suffix.items()}


def _image_body(links: Links, page: Page) -> dict[str, Any]:
    assert page.image_key and page.width and page.height
    service = links.image_service(page.image_key)
    return {
        "id": f"{service}/full/max/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": page.width,
        "height": page.height,
        "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
    }


def _thumbnail(links: Links, page: Page) -> dict[str, Any]:
    assert page.image_key and page.width and page.height
    width, height = thumbnail_size(page.width, page.height)
    service = links.image_service(page.image_key)
    return {
        "id": f"{service}/full/{width},{height}/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
    }


def _placeholder_body(links: Links) -> dict[str, Any]:
    width, height = PLACEHOLDER_SIZE
    return {
        "id": links.placeholder(),
        "type": "Image",
        "format": "image/svg+xml",
        "width": width,
        "height": height,
    }


def _canvas(links: Links, manifest_id: str, name: str, label: LangMap, page: Page | None) -> Any:
    canvas_id = f"{manifest_id.removesuffix('/manifest.json')}/canvas/{name}"
    real = page is not None and not page.is_placeholder and page.width and page.height
    body = _image_body(links, page) if real and page else _placeholder_body(links)
    canvas: dict[str, Any] = {
        "id": canvas_id,
        "type": "Canvas",
        "label": label,
        "width": body["width"],
        "height": body["height"],
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/image",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": body,
                        "target": canvas_id,
                    }
                ],
            }
        ],
    }
    if real and page:
        canvas["thumbnail"] = [_thumbnail(links, page)]
    return canvas


_FOLIO = re.compile(r"(\d+[a-z]?)\s*([rv])?", re.IGNORECASE)


def _locus_pages(locus: str | None, pages: list[Page]) -> list[Page]:
    """The pages a locus such as "ff. 1v–34r" or "f. 12" spans (empty when it cannot tell)."""
    if not locus:
        return []
    found = _FOLIO.findall(locus)
    if not found:
        return []
    labels = [f"{folio}{side.lower()}" for folio, side in found]
    first, last = labels[0], labels[-1]
    index = {page.label: i for i, page in enumerate(pages)}
    if first in index and last in index and index[first] <= index[last]:
        return pages[index[first] : index[last] + 1]
    if len(found) == 1:  # a whole folio: both its sides
        return [page for page in pages if page.folio == found[0][0]]
    return []


def manifest(manuscript: Manuscript, links: Links) -> dict[str, Any]:
    """The Presentation 3.0 manifest of a manuscript: a canvas per page, placeholders marked."""
    manifest_id = links.manifest(manuscript.slug)
    pages = list(manuscript.pages)
    canvases: dict[int, Any] = {}
    items = []
    for page in pages:
        label: LangMap = {"none": [page.label]}
        if page.is_placeholder:
            label = _with_suffix(page.label, NO_SCAN)
        canvas = _canvas(links, manifest_id, f"p{page.id}", label, page)
        canvases[page.id] = canvas
        items.append(canvas)
    if not items:
        items.append(_canvas(links, manifest_id, "placeholder", NO_PAGES, None))
    document: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": language_map(manuscript.title, {"none": [manuscript.slug]}),
    }
    if manuscript.summary:
        document["summary"] = language_map(manuscript.summary)
    document["metadata"] = _metadata(manuscript, links)
    document["requiredStatement"] = {"label": ATTRIBUTION_LABEL, "value": ATTRIBUTION}
    document["rights"] = RIGHTS
    scanned = [page for page in pages if not page.is_placeholder and page.width and page.height]
    if scanned:
        document["thumbnail"] = [_thumbnail(links, scanned[0])]
    document["viewingDirection"] = "right-to-left"
    document["behavior"] = ["paged"]
    document["homepage"] = [
        {
            "id": links.record_page(manuscript.slug),
            "type": "Text",
            "label": document["label"],
            "format": "text/html",
        }
    ]
    document["partOf"] = [{"id": links.collection(), "type": "Collection"}]
    document["items"] = items
    ranges = []
    for position, item in enumerate(manuscript.contents, start=1):
        spanned = _locus_pages(item.locus, pages)
        if not spanned:
            continue  # a contents item whose locus names no page we have
        label = language_map(item.title, {"none": [item.locus or str(position)]})
        ranges.append(
            {
                "id": f"{manifest_id.removesuffix('/manifest.json')}/range/{item.id}",
                "type": "Range",
                "label": label,
                "items": [{"id": canvases[p.id]["id"], "type": "Canvas"} for p in spanned],
            }
        )
    if ranges:
        document["structures"] = ranges
    return document


def _metadata(manuscript: Manuscript, links: Links) -> list[dict[str, Any]]:
    entries = [
        {"label": METADATA_LABELS["shelfmark"], "value": {"none": [shelfmark.idno]}}
        for shelfmark in manuscript.shelfmarks
    ]
    done = manuscript.cataloguing_status.value == "done"
    entries.append({"label": METADATA_LABELS["status"], "value": DONE if done else IN_PROGRESS})
    page = links.record_page(manuscript.slug)
    entries.append({"label": METADATA_LABELS["record"], "value": {"none": [page]}})
    return entries


def collection(manuscripts: list[Manuscript], links: Links, label: LocalizedText) -> dict[str, Any]:
    """The collection of every published manuscript's manifest."""
    items = []
    for manuscript in manuscripts:
        entry: dict[str, Any] = {
            "id": links.manifest(manuscript.slug),
            "type": "Manifest",
            "label": language_map(manuscript.title, {"none": [manuscript.slug]}),
        }
        scanned = [p for p in manuscript.pages if not p.is_placeholder and p.width and p.height]
        if scanned:
            entry["thumbnail"] = [_thumbnail(links, scanned[0])]
        items.append(entry)
    return {
        "@context": PRESENTATION_CONTEXT,
        "id": links.collection(),
        "type": "Collection",
        "label": language_map(label, {"en": ["Qoljazba manuscripts"]}),
        "requiredStatement": {"label": ATTRIBUTION_LABEL, "value": ATTRIBUTION},
        "rights": RIGHTS,
        "items": items,
    }
