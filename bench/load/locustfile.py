"""The exhibition day: kiosk visitors, scholars searching and paging, curators saving and uploading.

Run by bench/load/run.py (which starts `qoljazba serve` on loopback, with curator accounts);
every request is named "<class>: <what>" so run.py can hold each class to its latency budget.
Acknowledged curator writes are appended to $QOLJAZBA_LOAD_ACKS (JSON lines) for the check
that nothing acknowledged was lost.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any

import requests
from locust import HttpUser, between, events, task
from locust.env import Environment
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from bench.load.forms import read_form, replace
from bench.load.scan import synthetic_scan

LANGS = ("kk", "ru", "en", "fa")
# Queries a scholar types: words in each language, names across scripts, phrases, operators.
QUERIES = (
    "қолжазба",
    "рукопись",
    "manuscript",
    "نسخه",
    "خان",
    "Тәуке",
    "Tauke",
    "توکه",
    "Абылай",
    "Ablai",
    "ابوالخیر",
    "Әбілқайыр",
    "Kazakh",
    "қазақ",
    "казахский",
    "Iran",
    "ایران",
    "Туркестан",
    "Turkistan",
    '"Kazakh Khanate"',
    "khan OR хан",
    "embassy",
    "посольство",
    "Nader",
    "نادر",
    "1150",
    "Bukhara",
    "Бұхара",
    "kind:person",
    "kind:manuscript",
)
PAGEABLE = ("manuscript", "қолжазба", "рукопись", "نسخه", "kind:manuscript")
SECTIONS = ("manuscripts", "people", "places", "events", "sources")


class Site:
    """What the load needs to know of the site, read once at the start over HTTP."""

    slugs: dict[str, list[str]] = {}  # noqa: RUF012
    images: list[dict[str, Any]] = []  # noqa: RUF012
    kiosk = False
    curator = False


@events.test_start.add_listener
def _discover(environment: Environment, **_kwargs: Any) -> None:
    host = environment.host
    for section in SECTIONS:
        body = requests.get(f"{host}/api/{section}", params={"per_page": 100}, timeout=30).json()
        Site.slugs[section] = [item["id"] for item in body["items"]]
    Site.kiosk = requests.get(f"{host}/kiosk/en/", timeout=30).status_code == 200
    Site.curator = requests.get(f"{host}/curator/login", timeout=30).status_code == 200
    for slug in Site.slugs["manuscripts"]:
        manifest = requests.get(f"{host}/iiif/manuscripts/{slug}/manifest.json", timeout=30)
        for canvas in manifest.json().get("items", []):
            for body in _bodies(canvas):
                for service in body.get("service", []):
                    info = requests.get(f"{service['id']}/info.json", timeout=30).json()
                    Site.images.append({"manuscript": slug, **info})


def _bodies(canvas: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        annotation["body"]
        for page in canvas.get("items", [])
        for annotation in page.get("items", [])
        if isinstance(annotation.get("body"), dict)
    ]


def _tiles(info: dict[str, Any], count: int) -> list[str]:
    """Pre-made tile requests of one image at a scale a viewer asks for first."""
    tile = info["tiles"][0]
    size = tile["width"]
    factors = sorted(tile["scaleFactors"])
    factor = factors[len(factors) // 2]
    span = size * factor
    paths = []
    for y in range(0, info["height"], span):
        for x in range(0, info["width"], span):
            w, h = min(span, info["width"] - x), min(span, info["height"] - y)
            paths.append(f"{x},{y},{w},{h}/{math.ceil(w / factor)},{math.ceil(h / factor)}")
    random.shuffle(paths)
    return [f"{info['id']}/{p}/0/default.jpg" for p in paths[:count]]


class BrowserLike(HttpUser):
    """An HTTP client that, like Chromium, sends a GET again once when the server had just
    closed the idle keep-alive connection it reused (gunicorn closes them after 2 s); POSTs are
    never repeated. Each retry is logged by urllib3 and counted by run.py."""

    abstract = True

    def on_start(self) -> None:
        retry = Retry(
            total=1,
            connect=1,
            read=1,
            status=0,
            allowed_methods={"GET"},
            respect_retry_after_header=False,  # a 503 is counted as one, not waited out
        )
        self.client.mount("http://", HTTPAdapter(max_retries=retry))


class KioskVisitor(BrowserLike):
    """A visitor at a touch screen: a short tour with time to look at each screen."""

    fixed_count = 10
    wait_time = between(3, 8)

    def on_start(self) -> None:
        super().on_start()
        self.lang = random.choice(LANGS)

    def screen(self, path: str, name: str, *, partial: bool = True) -> None:
        # Within the kiosk, its script fetches only the next screen's body (X-Kiosk-Partial).
        headers = {"X-Kiosk-Partial": "1"} if partial and Site.kiosk else {}
        self.client.get(path, name=f"kiosk: {name}", headers=headers)

    @task
    def tour(self) -> None:
        lang, slugs = self.lang, Site.slugs
        ms = random.choice(slugs["manuscripts"])
        if Site.kiosk:
            self.screen("/", "attract", partial=False)
            self.screen(f"/kiosk/{lang}/", "home", partial=False)
            self.screen(f"/kiosk/{lang}/manuscripts/", "manuscripts")
            self.screen(f"/kiosk/{lang}/manuscripts/{ms}", "manuscript")
        else:  # before the kiosk screens: the front door and the record pages
            self.screen(f"/?lang={lang}", "home")
            self.screen(f"/manuscripts/?lang={lang}", "manuscripts")
            self.screen(f"/manuscripts/{ms}?lang={lang}", "manuscript")
        if Site.images:
            info = random.choice(Site.images)
            self.client.get(f"{info['id']}/info.json", name="iiif: info.json")
            for tile in _tiles(info, 6):
                self.client.get(tile, name="iiif: tile")
        time.sleep(random.uniform(2, 5))  # reading the manuscript screen
        person = random.choice(slugs["people"])
        if Site.kiosk:
            self.screen(f"/kiosk/{lang}/people/{person}", "person")
            self.screen(f"/kiosk/{lang}/timeline", "timeline")
            self.screen(f"/kiosk/{lang}/map", "map")
        else:
            self.screen(f"/people/{person}?lang={lang}", "person")
        if random.random() < 0.2:
            self.lang = random.choice(LANGS)  # someone else steps up


class Scholar(BrowserLike):
    """A scholar at a reading-room computer: searches, pages through hits, opens records."""

    fixed_count = 40
    wait_time = between(1, 5)

    @task(6)
    def search(self) -> None:
        lang = random.choice(LANGS)
        query = random.choice(QUERIES)
        self.client.get("/search", params={"q": query, "lang": lang}, name="search: query")
        if random.random() < 0.3:
            self.client.get("/api/search", params={"q": query}, name="search: api")

    @task(3)
    def page_through(self) -> None:
        query = random.choice(PAGEABLE)
        for page in (1, 2):
            params = {"q": query, "page": page, "per_page": 20}
            self.client.get("/search", params=params, name="search: paging")
        if random.random() < 0.5:
            params = {"q": query, "from": 1700, "to": 1800, "cal": "ce", "sort": "date"}
            self.client.get("/search", params=params, name="search: span sorted")

    @task(4)
    def record(self) -> None:
        section = random.choice(SECTIONS)
        slug = random.choice(Site.slugs[section])
        lang = random.choice(LANGS)
        self.client.get(f"/{section}/{slug}?lang={lang}", name="record: page")
        if random.random() < 0.3:
            self.client.get(f"/api/{section}/{slug}", name="record: api")

    @task(1)
    def manifest(self) -> None:
        slug = random.choice(Site.slugs["manuscripts"])
        self.client.get(f"/iiif/manuscripts/{slug}/manifest.json", name="record: manifest")


_ACKS = os.environ.get("QOLJAZBA_LOAD_ACKS", "")
_numbers = itertools.count()
_SCANS = [synthetic_scan(seed) for seed in range(4)]  # made once: the load client stays light


def log_write(**entry: Any) -> None:
    """Append one write (sent or acknowledged) to the acknowledgement log."""
    if _ACKS:
        with open(_ACKS, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"t": time.time(), **entry}) + "\n")


class Curator(BrowserLike):
    """A curator: edits their own manuscripts, adds sources, uploads page scans."""

    fixed_count = 3
    wait_time = between(3, 8)

    def on_start(self) -> None:
        super().on_start()
        self.number = next(_numbers) % 3
        self.username = f"loadcurator{self.number + 1}"
        self.mine: list[str] = []
        if not Site.curator:
            return
        manuscripts = Site.slugs["manuscripts"]
        self.mine = [s for i, s in enumerate(manuscripts) if i % 3 == self.number]
        page = self.client.get("/curator/login", name="curator: login form")
        fields = read_form(page.text, "login")
        fields = replace(fields, "username", self.username)
        fields = replace(fields, "password", os.environ["QOLJAZBA_LOAD_PASSWORD"])
        with self.client.post(
            "/curator/login",
            data=fields,
            name="curator: login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {response.status_code}")

    def _saved(self, response: Any) -> bool:
        location = response.headers.get("Location", "")
        return response.status_code in (302, 303) and "saved=1" in location

    @task(4)
    def edit_manuscript(self) -> None:
        if not self.mine:
            return
        slug = random.choice(self.mine)
        form = self.client.get(f"/curator/manuscripts/{slug}", name="curator: edit form")
        marker = f"[LOAD TEST] condition noted {uuid.uuid4().hex}"
        fields = replace(read_form(form.text, "editor"), "condition.en", marker)
        log_write(event="sent", kind="edit", slug=slug, marker=marker)
        with self.client.post(
            f"/curator/manuscripts/{slug}",
            data=fields,
            name="save: manuscript",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if self._saved(response):
                log_write(event="ack", kind="edit", slug=slug, marker=marker, by=self.username)
            else:
                response.failure(f"save not acknowledged: {response.status_code}")

    @task(1)
    def create_source(self) -> None:
        if not Site.curator:
            return
        form = self.client.get("/curator/sources/new", name="curator: new form")
        slug = f"load-{uuid.uuid4().hex[:16]}"
        fields = replace(read_form(form.text, "editor"), "slug", slug)
        fields = replace(fields, "title.en", f"[LOAD TEST] source {slug}")
        with self.client.post(
            "/curator/sources/new",
            data=fields,
            name="save: new source",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if self._saved(response):
                log_write(event="ack", kind="create", slug=slug, by=self.username)
            else:
                response.failure(f"create not acknowledged: {response.status_code}")

    @task(1)
    def upload_scan(self) -> None:
        if not self.mine:
            return
        slug = random.choice(self.mine)
        page = self.client.get(f"/curator/manuscripts/{slug}/scans", name="curator: scans form")
        token = dict(read_form(page.text, "upload"))["csrf_token"]
        seed = random.randrange(len(_SCANS))
        files = {"file": (f"SYNTHETIC-{seed}.jpg", _SCANS[seed], "image/jpeg")}
        with self.client.post(
            f"/curator/manuscripts/{slug}/scans",
            data={"csrf_token": token},
            files=files,
            headers={"Accept": "application/json"},
            name="upload: scan",
            catch_response=True,
        ) as response:
            results = response.json() if response.status_code == 200 else []
            if results and all(r.get("ok") for r in results):
                log_write(event="ack", kind="upload", slug=slug, page=results[0]["page"])
            else:
                response.failure(f"upload not acknowledged: {response.status_code}")

    @task(1)
    def look_around(self) -> None:
        if Site.curator:
            self.client.get("/curator/manuscripts/", name="curator: list")


# -- figures: every response time kept, grouped by class ("kiosk", "search", ...) and by name ---

_times: dict[str, list[float]] = {}
_settled: dict[str, list[float]] = {}  # after the warm-up (workers' caches filled)
_failures: dict[str, list[str]] = {}
_errors: list[str] = []
_started = time.monotonic()
_WARM_UP = float(os.environ.get("QOLJAZBA_LOAD_WARM_UP", "60"))


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any, **_kwargs: Any) -> None:
    _times.setdefault(name, []).append(response_time)
    if time.monotonic() - _started >= _WARM_UP:
        _settled.setdefault(name, []).append(response_time)
    if exception is not None:
        _failures.setdefault(name, []).append(str(exception)[:300])


@events.user_error.add_listener
def _user_error(user_instance: Any, exception: Exception, tb: Any, **_kwargs: Any) -> None:
    _errors.append(f"{type(user_instance).__name__}: {exception!r}"[:300])


def _summary(times: list[float], failures: int) -> dict[str, Any]:
    ordered = sorted(times)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0

    return {
        "requests": len(ordered),
        "failures": failures,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
    }


@events.quitting.add_listener
def _write_report(environment: Environment, **_kwargs: Any) -> None:
    path = os.environ.get("QOLJAZBA_LOAD_REPORT")
    if not path:
        return
    classes: dict[str, list[float]] = {}
    class_failures: dict[str, int] = {}
    for name, times in _times.items():
        group = name.split(":", 1)[0]
        classes.setdefault(group, []).extend(times)
        class_failures[group] = class_failures.get(group, 0) + len(_failures.get(name, []))
    settled: dict[str, list[float]] = {}
    for name, times in _settled.items():
        settled.setdefault(name.split(":", 1)[0], []).extend(times)
    report = {
        "classes": {g: _summary(t, class_failures[g]) for g, t in sorted(classes.items())},
        "classes_after_warm_up": {g: _summary(t, 0) for g, t in sorted(settled.items())},
        "warm_up_s": _WARM_UP,
        "names": {n: _summary(t, len(_failures.get(n, []))) for n, t in sorted(_times.items())},
        "failures": {n: f[:5] for n, f in _failures.items()},
        "user_errors": _errors[:20],
        "user_error_count": len(_errors),
        "site": {"kiosk_screens": Site.kiosk, "curator": Site.curator, "images": len(Site.images)},
    }
    Path(path).write_text(json.dumps(report, indent=1, ensure_ascii=False))
