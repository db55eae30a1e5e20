"""Time a full OAI-PMH harvest and the TEI export of the shipped catalogue.

Run: .venv/bin/python bench/oai_harvest.py [PAGE_SIZE]
Builds a fresh SQLite database with the shipped catalogue in a temporary folder, then times,
in-process and without HTTP: ListRecords oai_dc to the end (following resumption tokens),
ListRecords tei, and the TEI export (every manuscript and the authority file).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from catalogue.db import Database
from catalogue.formats.tei.files import tei_files
from catalogue.models import Kind
from catalogue.oai import Repository, respond
from catalogue.schema import upgrade
from catalogue.shipped import load_shipped_catalogue
from catalogue.transaction import transaction

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def url(kind: Kind, slug: str) -> str:
    return f"http://127.0.0.1:5000/{kind.value}/{slug}"


def harvest(db: Database, repository: Repository, prefix: str) -> tuple[int, int, float]:
    records = requests = 0
    start = time.perf_counter()
    params = {"verb": ["ListRecords"], "metadataPrefix": [prefix]}
    with db.read() as session:
        while True:
            root = etree.fromstring(respond(session, repository, params))
            requests += 1
            records += len(root.findall(f".//{OAI}record"))
            token = root.findtext(f".//{OAI}resumptionToken")
            if not token:
                break
            params = {"verb": ["ListRecords"], "resumptionToken": [token]}
    return records, requests, time.perf_counter() - start


def main() -> None:
    page_size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade(db)
        with transaction(db) as session:
            load_shipped_catalogue(session)
        repository = Repository(
            "bench", "http://127.0.0.1:5000/oai", ("a@b.cd",), "k", page_size, url
        )
        for prefix in ("oai_dc", "tei"):
            records, requests, seconds = harvest(db, repository, prefix)
            ms = seconds * 1000
            print(f"ListRecords {prefix}: {records} records in {requests} responses, {ms:.0f} ms")
        start = time.perf_counter()
        with db.read() as session:
            files = tei_files(session, url, "http://127.0.0.1:5000/manuscripts/authority.xml")
        size = sum(len(data) for data in files.values())
        ms = (time.perf_counter() - start) * 1000
        print(f"TEI export: {len(files)} files, {size / 1024:.0f} KiB, {ms:.0f} ms")
        db.dispose()


if __name__ == "__main__":
    main()
