"""Every setting, declared once with its default and its meaning, read from QOLJAZBA_* variables."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Setting:
    """One environment setting: its variable name, default and what it does."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "QOLJAZBA_DATA_DIR",
        "./instance",
        "Folder for the SQLite database, the search index, page images and the secret key.",
    ),
    Setting(
        "QOLJAZBA_DATABASE_URL",
        "",
        "SQLAlchemy URL; empty means SQLite in the data dir. "
        "`postgresql+psycopg://user@host/db` for a site with several kiosks.",
    ),
    Setting(
        "QOLJAZBA_SECRET_KEY",
        "",
        "Signs session cookies; empty means a random key kept in `<data dir>/secret_key`.",
    ),
    Setting(
        "QOLJAZBA_DEFAULT_LANGUAGE",
        "kk",
        "Interface language when a visitor has chosen none: kk, ru, en or fa.",
    ),
    Setting(
        "QOLJAZBA_KIOSK_IDLE_SECONDS",
        "90",
        "Seconds without a touch before the kiosk asks whether the visitor is still there.",
    ),
    Setting(
        "QOLJAZBA_PUBLIC_URL",
        "",
        "The public address of the site (for QR codes, permalinks and IIIF ids); "
        "empty means the address of each request.",
    ),
    Setting(
        "QOLJAZBA_CURATOR_IDLE_MINUTES",
        "120",
        "Minutes without a request after which a curator's session ends and they log in again.",
    ),
    Setting("QOLJAZBA_HOST", "127.0.0.1", "Address `qoljazba serve` listens on."),
    Setting("QOLJAZBA_PORT", "5000", "Port `qoljazba serve` listens on."),
    Setting("QOLJAZBA_WORKERS", "4", "Worker processes of `qoljazba serve`."),
    Setting(
        "QOLJAZBA_THREADS",
        "1",
        "Threads per worker process of `qoljazba serve`; keep 1 on Python 3.11 "
        "(its workers crashed under threaded load, RELIABILITY.md).",
    ),
    Setting(
        "QOLJAZBA_OAI_PAGE_SIZE",
        "100",
        "Records or identifiers per OAI-PMH response before a resumption token (1–1000).",
    ),
    Setting(
        "QOLJAZBA_IIIF_RENDERS",
        "1",
        "IIIF images computed at once (not pre-made tiles or sizes), across all worker "
        "processes; a request that finds them all busy for 0.2 s gets a 503 with Retry-After.",
    ),
    Setting(
        "QOLJAZBA_SEARCHES",
        "2",
        "Searches run at once across all worker processes; a search that finds them all busy "
        "for 0.2 s gets a 503 with Retry-After (the kiosk is never queued behind more).",
    ),
    Setting(
        "QOLJAZBA_IIIF_CACHE_MB",
        "1024",
        "Megabytes of computed IIIF images kept on disk; the least recently used go first.",
    ),
    Setting(
        "QOLJAZBA_ADMIN_EMAIL",
        "curator@qoljazba.invalid",
        "Contact address given to OAI-PMH harvesters (Identify); set it for a public site.",
    ),
    Setting(
        "QOLJAZBA_TRUSTED_PROXIES",
        "0",
        "Reverse proxies in front of the server (0–5), each adding to X-Forwarded-For: the "
        "client's address (for login throttling) and scheme are then read from them. "
        "0: no proxy, such headers are ignored.",
    ),
    Setting(
        "QOLJAZBA_ALLOWED_HOSTS",
        "",
        "Host names (comma-separated; `.example.org` for its subdomains) the site answers to, "
        "besides the public URL's and loopback; a request for any other Host gets a 400. "
        "Empty, with no public URL: also the machine's name, NAME.local and LAN address.",
    ),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one process."""

    data_dir: Path
    database_url: str
    secret_key: str
    default_language: str
    kiosk_idle_seconds: int
    curator_idle_minutes: int
    public_url: str
    host: str
    port: int
    workers: int
    threads: int
    oai_page_size: int = 100
    admin_email: str = "curator@qoljazba.invalid"
    trusted_proxies: int = 0
    allowed_hosts: tuple[str, ...] = ()
    iiif_renders: int = 1
    searches: int = 2
    iiif_cache_mb: int = 1024

    @property
    def sqlite_path(self) -> Path:
        """Where the embedded database lives."""
        return self.data_dir / "qoljazba.sqlite3"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names it."""


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or the mapping given), applying defaults."""
    env = os.environ if environ is None else environ

    def get(name: str) -> str:
        return env.get(name, _DEFAULTS[name]).strip()

    def integer(name: str, low: int, high: int) -> int:
        raw = get(name)
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
        if not low <= value <= high:
            raise SettingsError(f"{name} must be between {low} and {high}, not {value}")
        return value

    data_dir = Path(get("QOLJAZBA_DATA_DIR")).expanduser().resolve()
    language = get("QOLJAZBA_DEFAULT_LANGUAGE")
    if language not in ("kk", "ru", "en", "fa"):
        raise SettingsError(f"QOLJAZBA_DEFAULT_LANGUAGE must be kk, ru, en or fa, not {language!r}")
    public_url = get("QOLJAZBA_PUBLIC_URL").rstrip("/")
    if public_url and not public_url.startswith(("http://", "https://")):
        raise SettingsError("QOLJAZBA_PUBLIC_URL must start with http:// or https://")
    database_url = get("QOLJAZBA_DATABASE_URL") or f"sqlite:///{data_dir / 'qoljazba.sqlite3'}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        secret_key=get("QOLJAZBA_SECRET_KEY"),
        default_language=language,
        kiosk_idle_seconds=integer("QOLJAZBA_KIOSK_IDLE_SECONDS", 30, 3600),
        curator_idle_minutes=integer("QOLJAZBA_CURATOR_IDLE_MINUTES", 5, 7 * 24 * 60),
        public_url=public_url,
        host=get("QOLJAZBA_HOST"),
        port=integer("QOLJAZBA_PORT", 1, 65535),
        workers=integer("QOLJAZBA_WORKERS", 1, 64),
        threads=integer("QOLJAZBA_THREADS", 1, 64),
        oai_page_size=integer("QOLJAZBA_OAI_PAGE_SIZE", 1, 1000),
        admin_email=_email(get("QOLJAZBA_ADMIN_EMAIL")),
        trusted_proxies=integer("QOLJAZBA_TRUSTED_PROXIES", 0, 5),
        allowed_hosts=_hosts(get("QOLJAZBA_ALLOWED_HOSTS")),
        iiif_renders=integer("QOLJAZBA_IIIF_RENDERS", 1, 16),
        searches=integer("QOLJAZBA_SEARCHES", 1, 64),
        iiif_cache_mb=integer("QOLJAZBA_IIIF_CACHE_MB", 1, 10_000_000),
    )


_HOST = re.compile(r"\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", re.I)


def _hosts(value: str) -> tuple[str, ...]:
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    for name in names:
        if not _HOST.fullmatch(name):
            raise SettingsError(
                f"QOLJAZBA_ALLOWED_HOSTS must list host names without scheme or port, not {name!r}"
            )
    return names


def allowed_hosts(settings: Settings, machine_names: Sequence[str]) -> list[str]:
    """The Host names requests may carry: loopback, the public URL's and the configured ones.

    With neither a public URL nor allowed hosts configured, the machine's own names too.
    """
    names = ["localhost", "127.0.0.1", *settings.allowed_hosts]
    public = urlsplit(settings.public_url).hostname if settings.public_url else None
    if public:
        names.append(public)
    if not public and not settings.allowed_hosts:
        names += machine_names
    return list(dict.fromkeys(names))


def machine_names(listen_host: str) -> list[str]:
    """This machine's name (also as NAME.local, for mDNS), its LAN address and the listen address.

    No DNS is asked: a kiosk's network may have none, and a lookup would stall every start.
    """
    name = socket.gethostname().lower()
    names = [name, f"{name}.local"]
    try:
        # Connecting a UDP socket sends nothing; it only picks the interface of the route out.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never a real host
            names.append(probe.getsockname()[0])
    except OSError:
        pass  # no network: loopback it is
    if listen_host not in ("", "0.0.0.0", "::"):
        names.append(listen_host)
    return names


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@([^@\s.]+\.)+[^@\s.]+", value):
        raise SettingsError(f"QOLJAZBA_ADMIN_EMAIL must be an e-mail address, not {value!r}")
    return value


# What this process creates is its user's alone (files 0600, folders 0700): the database, its
# -wal and -shm (SQLite gives them the database's mode), the secret key, the index and images.
PRIVATE_UMASK = 0o077


def private_data_dir(settings: Settings) -> None:
    """Make the data dir (0700) and every file the process creates from now on private to it."""
    os.umask(PRIVATE_UMASK)
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Another user's folder (a packaged layout) is left as its owner made it.
    with contextlib.suppress(PermissionError):
        settings.data_dir.chmod(0o700)  # one made by an older version, or by hand


def secret_key(settings: Settings) -> str:
    """The configured secret key, or one generated once and kept in the data dir."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if not path.exists():
        # Written aside and linked into place: a worker starting at the same moment either
        # sees no file or a complete one, and only the first link wins.
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
