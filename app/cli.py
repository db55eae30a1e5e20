"""The `qoljazba` command: init, serve, create-user, add-pages, export, import, backup, restore,
check, reindex."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from catalogue.accounts.users import AccountError, create_user
from catalogue.backup import BackupError, backup, restore
from catalogue.db import Database
from catalogue.editing.pages import add_scan
from catalogue.errors import NotFound
from catalogue.formats.catalogue_json.reader import CatalogueImportError, import_catalogue
from catalogue.formats.catalogue_json.writer import dumps, export_catalogue
from catalogue.formats.tabular import records_csv, records_dublin_core
from catalogue.formats.tei.files import tei_files
from catalogue.formats.tei.reader import TEIImportError, import_files
from catalogue.health import check_database
from catalogue.images import ImageRejected, images_root
from catalogue.models import Kind, Role, Side
from catalogue.reading.records import all_published
from catalogue.schema import current_revision
from catalogue.search import SearchIndex, drift, ensure_index, rebuild, reconcile
from catalogue.settings import Settings, SettingsError, load_settings, private_data_dir
from catalogue.shipped import init_catalogue
from catalogue.transaction import transaction


class CommandError(Exception):
    """A command that cannot be done; its message is printed and the exit status is 1."""


@contextmanager
def _database(settings: Settings) -> Iterator[Database]:
    if settings.database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.database_url)
    try:
        yield db
    finally:
        db.dispose()


def _index(settings: Settings) -> SearchIndex:
    return SearchIndex(settings.data_dir / "index")


def _require_schema(db: Database) -> None:
    if current_revision(db) is None:
        raise CommandError("the database is empty: run `qoljazba init` first")


def cmd_init(settings: Settings, args: argparse.Namespace) -> None:
    with _database(settings) as db:
        report = init_catalogue(db, with_data=not args.empty)
        state = ensure_index(db, _index(settings))
    counts = sorted(report.created.items())
    created = ", ".join(f"{n} {kind}" for kind, n in counts) or "nothing new"
    where = settings.database_url.split("@")[-1]  # never print a password from the URL
    print(f"database ready at {where}; shipped catalogue: {created}; {state}")


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    from app.server import serve

    with _database(settings) as db:
        init_catalogue(db)  # a fresh data dir gets the schema and the shipped catalogue
        print(ensure_index(db, _index(settings)), flush=True)  # never fatal: search can wait
    print(f"Qoljazba on http://{args.host}:{args.port}/", flush=True)
    serve(settings, args.host, args.port)


def _read_password(username: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {username}: ")
        if getpass.getpass("Again: ") != first:
            raise CommandError("the two passwords differ; nothing was changed")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> None:
    with _database(settings) as db:
        _require_schema(db)
        password = _read_password(args.username)
        try:
            with transaction(db) as session:
                user = create_user(
                    session,
                    args.username,
                    password,
                    role=Role(args.role),
                    display_name=args.name or "",
                )
                print(f"created {user.role.value} account {user.username!r}")
        except AccountError as error:
            raise CommandError(str(error)) from None


def cmd_add_pages(settings: Settings, args: argparse.Namespace) -> None:
    if args.folio and len(args.files) != 1:
        raise CommandError("--folio names one page: give exactly one file with it")
    refused = 0
    with _database(settings) as db:
        _require_schema(db)

        for name in args.files:
            path = Path(name)
            try:
                with path.open("rb") as source:
                    page = add_scan(
                        db,
                        images_root(settings.data_dir),
                        args.manuscript,
                        source,
                        path.name,
                        placed=(args.folio, Side(args.side)),
                    )
                print(
                    f"{name}: page {page.label} of {args.manuscript}, "
                    f"{page.width} x {page.height}, image {page.image_key}"
                )
            except NotFound:
                raise CommandError(f"no manuscript with id {args.manuscript!r}") from None
            except OSError as error:
                refused += 1
                print(f"{name}: not added: cannot read it ({error.strerror})", file=sys.stderr)
            except (ImageRejected, ValueError) as error:
                refused += 1
                print(f"{name}: not added: {error}", file=sys.stderr)
    if refused:
        raise CommandError(f"{refused} of {len(args.files)} files were not added")


def _offline_url(settings: Settings) -> Callable[[Kind, str], str]:
    # Outside a request the site's address is QOLJAZBA_PUBLIC_URL (site-relative when unset).
    from app.urls import SECTIONS

    return lambda kind, slug: f"{settings.public_url}/{SECTIONS[kind]}/{slug}"


def cmd_export(settings: Settings, args: argparse.Namespace) -> None:
    url = _offline_url(settings)
    with _database(settings) as db:
        _require_schema(db)
        with db.read() as session:
            if args.format == "tei":
                if args.output in (None, "-"):
                    raise CommandError("--format tei writes a folder: give it with -o FOLDER")
                folder = Path(args.output)
                folder.mkdir(parents=True, exist_ok=True)
                files = tei_files(session, url, f"{settings.public_url}/manuscripts/authority.xml")
                for name, data in files.items():
                    (folder / name).write_bytes(data)
                print(f"wrote {len(files)} TEI files to {folder}", file=sys.stderr)
                return
            if args.format == "csv":
                text = records_csv(all_published(session), url)
            elif args.format == "dc":
                text = records_dublin_core(all_published(session), url).decode()
            else:
                text = dumps(export_catalogue(session))
        if args.output in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"wrote {args.output}", file=sys.stderr)


def _import_tei(db: Database, folder: Path) -> int:
    files = {path.name: path.read_bytes() for path in sorted(folder.glob("*.xml"))}
    try:
        with transaction(db) as session:
            return len(import_files(session, files))
    except TEIImportError as error:
        raise CommandError(f"nothing was imported: {error}") from None


def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    with _database(settings) as db:
        _require_schema(db)
        if Path(args.file).is_dir():
            count = _import_tei(db, Path(args.file))
            documents = rebuild(db, _index(settings))
            print(f"imported {count} manuscripts from {args.file}; {documents} documents indexed")
            return
        try:
            document = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"cannot read {args.file}: {error.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{args.file} is not valid UTF-8 JSON: {error}") from None
        try:
            with transaction(db) as session:
                counts = import_catalogue(session, document)
        except CatalogueImportError as error:
            raise CommandError(f"nothing was imported: {error}") from None
        documents = rebuild(db, _index(settings))
    print(f"imported {sum(counts.values())} rows from {args.file}; {documents} documents indexed")


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    try:
        path = backup(settings, Path(args.dest))
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"backup written to {path}")


def cmd_restore(settings: Settings, args: argparse.Namespace) -> None:
    try:
        restore(settings, Path(args.src), overwrite=args.overwrite)
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"restored {args.src} into {settings.data_dir}")


def cmd_check(settings: Settings, args: argparse.Namespace) -> None:
    with _database(settings) as db:
        report = check_database(db)
        print(json.dumps(report.facts, indent=1, default=str))
        if not report.ok:
            raise CommandError("problems found:\n- " + "\n- ".join(report.problems))
        print("database: ok")
        index = _index(settings)
        if not index.available():
            print(f"search index: missing or damaged; rebuilt ({rebuild(db, index)} documents)")
            return
        found = drift(db, index) if args.no_repair else reconcile(db, index)
        if found.clean:
            print("search index: ok")
        elif args.no_repair:
            raise CommandError(f"search index differs from the database: {found}")
        else:
            print(f"search index: {found}; repaired")


def cmd_reindex(settings: Settings, args: argparse.Namespace) -> None:
    with _database(settings) as db:
        _require_schema(db)
        started = time.perf_counter()
        count = rebuild(db, _index(settings), procs=args.procs)
    print(f"search index rebuilt: {count} documents in {time.perf_counter() - started:.1f} s")


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    """The argument parser (defaults come from the settings)."""
    parser = argparse.ArgumentParser(prog="qoljazba", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("init", help="create or upgrade the database and load the catalogue")
    p.add_argument("--empty", action="store_true", help="schema only, without the shipped records")
    p.set_defaults(run=cmd_init)

    p = commands.add_parser("serve", help="serve the application (gunicorn)")
    p.add_argument("--host", default=settings.host)
    p.add_argument("--port", type=int, default=settings.port)
    p.set_defaults(run=cmd_serve)

    p = commands.add_parser("create-user", help="add an account (password from a prompt or stdin)")
    p.add_argument("username")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.CURATOR.value)
    p.add_argument("--name", help="display name")
    p.set_defaults(run=cmd_create_user)

    p = commands.add_parser("add-pages", help="add page scans to a manuscript, in reading order")
    p.add_argument("manuscript", help="the manuscript's id, such as ms-01")
    p.add_argument("files", nargs="+", metavar="FILE", help="JPEG, PNG or single-page TIFF")
    p.add_argument("--folio", help="the folio of a single file (fills its placeholder page)")
    p.add_argument("--side", choices=[s.value for s in Side], default=Side.NONE.value)
    p.set_defaults(run=cmd_add_pages)

    p = commands.add_parser("export", help="write the whole catalogue")
    p.add_argument(
        "--format",
        choices=["json", "tei", "csv", "dc"],
        default="json",
        help="json: lossless dump; tei: a folder of TEI files; csv, dc: published records",
    )
    p.add_argument("--output", "-o", help="file (folder for tei) to write (default: stdout)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("import", help="load a catalogue export into an empty database")
    p.add_argument("file", help="a JSON export, or a folder of TEI files with authority.xml")
    p.set_defaults(run=cmd_import)

    p = commands.add_parser("backup", help="online backup of the database and images")
    p.add_argument("dest")
    p.set_defaults(run=cmd_backup)

    p = commands.add_parser("restore", help="put a backup in place")
    p.add_argument("src")
    p.add_argument("--overwrite", action="store_true", help="replace an existing catalogue")
    p.set_defaults(run=cmd_restore)

    p = commands.add_parser("check", help="check the database and repair search-index drift")
    p.add_argument("--no-repair", action="store_true", help="report index drift, change nothing")
    p.set_defaults(run=cmd_check)

    p = commands.add_parser("reindex", help="rebuild the search index from the database")
    p.add_argument(
        "--procs",
        type=int,
        default=1,
        choices=range(1, 9),
        metavar="N",
        help="indexing processes (1-8)",
    )
    p.set_defaults(run=cmd_reindex)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qoljazba` console script."""
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"qoljazba: {error}", file=sys.stderr)
        return 2
    args = build_parser(settings).parse_args(argv)
    private_data_dir(settings)
    try:
        args.run(settings, args)
    except CommandError as error:
        print(f"qoljazba {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
