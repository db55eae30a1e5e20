"""Curators and scholars as threads: curators save and upload, logging what was acknowledged."""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from bench.load.forms import read_form, replace
from bench.load.scan import synthetic_scan
from bench.load.site import CURATORS, Site


class AckLog:
    """The acknowledgement log (same format as the locust run's), shared by threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def write(self, **entry: Any) -> None:
        """Append one entry, flushed at once (it must survive a kill of everything else)."""
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"t": time.time(), **entry}) + "\n")


class FormMissing(LookupError):
    """A page that should hold a form was something else (an error page, with this status)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"no form (HTTP {status})")
        self.status = status


class Client(threading.Thread):
    """A thread that acts until stopped, counting what the server answered."""

    def __init__(self, site: Site) -> None:
        super().__init__(daemon=True)
        self.site = site
        self.halt = threading.Event()
        self.outcomes: Counter[str] = Counter()
        self.http = requests.Session()
        # As a browser does: a GET is sent again once if a reused keep-alive connection was
        # just closed by the server; a POST never is.
        retry = Retry(
            total=1,
            connect=1,
            read=1,
            status=0,
            allowed_methods={"GET"},
            respect_retry_after_header=False,  # a 503 is counted as one, not waited out
        )
        self.http.mount("http://", HTTPAdapter(max_retries=retry))

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                self.act()
            except requests.RequestException as error:
                self.outcomes[f"no answer ({type(error).__name__})"] += 1
                time.sleep(0.2)
            except FormMissing as error:  # a form page that was an error page
                self.outcomes[f"form {error.status}"] += 1
                time.sleep(0.2)

    def act(self) -> None:
        raise NotImplementedError

    def form(self, url: str, marker: str) -> list[tuple[str, str]]:
        """The fields of the form on the page at url; FormMissing (with the status) if absent."""
        response = self.http.get(url, timeout=30)
        try:
            return read_form(response.text, marker)
        except LookupError:
            raise FormMissing(response.status_code) from None

    def stop(self) -> None:
        """Ask the thread to stop and wait for it."""
        self.halt.set()
        self.join(timeout=60)


class CuratorWriter(Client):
    """Edits its own manuscripts and creates sources; uploads scans if asked to."""

    def __init__(self, site: Site, number: int, log: AckLog, *, uploads: bool = False) -> None:
        super().__init__(site)
        self.number, self.log, self.uploads = number, log, uploads
        self.username = CURATORS[number]
        self.mine = [f"ms-{i:02d}" for i in range(1, 28) if i % 3 == number]
        self.logged_in = False

    def login(self) -> None:
        url = f"{self.site.url}/curator/login"
        fields = self.form(url, "login")
        fields = replace(replace(fields, "username", self.username), "password", self.site.password)
        response = self.http.post(url, data=fields, allow_redirects=False, timeout=30)
        self.logged_in = response.status_code == 302
        self.outcomes["login " + ("ok" if self.logged_in else str(response.status_code))] += 1

    def act(self) -> None:
        if not self.logged_in:
            self.login()
            return
        roll = random.random()
        if self.uploads and roll < 0.25:
            self.upload()
        elif roll < 0.6:
            self.edit()
        else:
            self.create()
        time.sleep(random.uniform(0.05, 0.3))

    def _answer(self, response: requests.Response, what: str) -> bool:
        location = response.headers.get("Location", "")
        ok = response.status_code in (302, 303) and "saved=1" in location
        if response.status_code == 401:
            self.logged_in = False
        self.outcomes[f"{what} " + ("acknowledged" if ok else str(response.status_code))] += 1
        return ok

    def edit(self) -> None:
        slug = random.choice(self.mine)
        url = f"{self.site.url}/curator/manuscripts/{slug}"
        fields = self.form(url, "editor")
        marker = f"[FAULT TEST] {uuid.uuid4().hex}"
        self.log.write(event="sent", kind="edit", slug=slug, marker=marker)
        response = self.http.post(
            url, data=replace(fields, "condition.en", marker), allow_redirects=False, timeout=30
        )
        if self._answer(response, "save"):
            self.log.write(event="ack", kind="edit", slug=slug, marker=marker, by=self.username)

    def create(self) -> None:
        url = f"{self.site.url}/curator/sources/new"
        slug = f"fault-{uuid.uuid4().hex[:16]}"
        fields = replace(self.form(url, "editor"), "slug", slug)
        fields = replace(fields, "title.en", f"[FAULT TEST] source {slug}")
        response = self.http.post(url, data=fields, allow_redirects=False, timeout=30)
        if self._answer(response, "create"):
            self.log.write(event="ack", kind="create", slug=slug, by=self.username)

    def upload(self) -> None:
        slug = random.choice(self.mine)
        url = f"{self.site.url}/curator/manuscripts/{slug}/scans"
        token = dict(self.form(url, "upload"))["csrf_token"]
        seed = random.randrange(4)
        response = self.http.post(
            url,
            data={"csrf_token": token},
            files={"file": (f"SYNTHETIC-{seed}.jpg", _SCANS[seed], "image/jpeg")},
            headers={"Accept": "application/json"},
            timeout=60,
        )
        results = response.json() if response.status_code == 200 else []
        ok = bool(results) and all(r.get("ok") for r in results)
        self.outcomes["upload " + ("acknowledged" if ok else str(response.status_code))] += 1
        if ok:
            self.log.write(event="ack", kind="upload", slug=slug, page=results[0]["page"])


_SCANS = [synthetic_scan(seed, 800, 1100) for seed in range(4)]


class Reader(Client):
    """A scholar and a kiosk in one: searches and record pages, as fast as answers come."""

    QUERIES = ("manuscript", "қолжазба", "рукопись", "نسخه", "Tauke", "Абылай", "khan")

    def act(self) -> None:
        if random.random() < 0.5:
            path = f"/search?q={random.choice(self.QUERIES)}"
        else:
            path = f"/manuscripts/ms-{random.randint(1, 27):02d}"
        response = self.http.get(self.site.url + path, timeout=30)
        kind = "search" if path.startswith("/search") else "record"
        self.outcomes[f"{kind} {response.status_code}"] += 1
        time.sleep(0.05)


def outcomes(clients: list[Client]) -> dict[str, int]:
    """Every client's outcomes added up."""
    total: Counter[str] = Counter()
    for client in clients:
        total.update(client.outcomes)
    return dict(sorted(total.items()))
