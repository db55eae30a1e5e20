"""Settings: defaults, validation, and the README table kept in step with the code."""

import re
from pathlib import Path

import pytest

from catalogue.settings import (
    SETTINGS,
    SettingsError,
    allowed_hosts,
    load_settings,
    machine_names,
    secret_key,
)

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_put_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"QOLJAZBA_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'qoljazba.sqlite3'}"
    assert settings.default_language == "kk"
    assert settings.kiosk_idle_seconds == 90
    assert settings.port == 5000
    assert settings.trusted_proxies == 0  # no X-Forwarded-For is believed unless configured


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("QOLJAZBA_PORT", "http", "whole number"),
        ("QOLJAZBA_PORT", "70000", "between"),
        ("QOLJAZBA_KIOSK_IDLE_SECONDS", "5", "between 30"),
        ("QOLJAZBA_DEFAULT_LANGUAGE", "de", "kk, ru, en or fa"),
        ("QOLJAZBA_PUBLIC_URL", "javascript:alert(1)", "http"),
        ("QOLJAZBA_TRUSTED_PROXIES", "6", "between 0 and 5"),
        ("QOLJAZBA_TRUSTED_PROXIES", "yes", "whole number"),
        ("QOLJAZBA_ALLOWED_HOSTS", "https://museum.example", "without scheme or port"),
        ("QOLJAZBA_ALLOWED_HOSTS", "museum.example:8080", "without scheme or port"),
        ("QOLJAZBA_ALLOWED_HOSTS", "museum.example, evil.example/x", "without scheme"),
    ],
)
def test_bad_values_are_refused_with_the_variable_named(
    name: str, value: str, fragment: str
) -> None:
    with pytest.raises(SettingsError, match=fragment) as raised:
        load_settings({name: value})
    assert name in str(raised.value)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    settings = load_settings({"QOLJAZBA_DATA_DIR": str(tmp_path)})
    first = secret_key(settings)
    assert len(first) > 40 and secret_key(settings) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_readme_documents_every_setting_exactly() -> None:
    rows = re.findall(r"^\| `(QOLJAZBA_\w+)` \| (.*?) \| (.*?) \|$", README.read_text(), re.M)
    documented = {name: (default, text) for name, default, text in rows}
    declared = {s.name: (f"`{s.default}`" if s.default else "(empty)", s.help) for s in SETTINGS}
    assert documented == declared


MACHINE = ["kiosk-pc", "kiosk-pc.local", "192.168.1.20"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["localhost", "127.0.0.1", *MACHINE]),
        (
            {"QOLJAZBA_PUBLIC_URL": "https://Museum.example:8443/qoljazba"},
            ["localhost", "127.0.0.1", "museum.example"],
        ),
        (
            {"QOLJAZBA_ALLOWED_HOSTS": " Hall.local, .museum.example "},
            ["localhost", "127.0.0.1", "hall.local", ".museum.example"],
        ),
    ],
)
def test_allowed_hosts_are_loopback_and_configured_else_the_machines_names(
    environ: dict[str, str], expected: list[str]
) -> None:
    assert allowed_hosts(load_settings(environ), MACHINE) == expected


def test_the_machines_names_include_its_name_and_a_chosen_listen_address() -> None:
    import socket

    names = machine_names("10.1.2.3")
    assert socket.gethostname().lower() in names and "10.1.2.3" in names
    assert "0.0.0.0" not in machine_names("0.0.0.0")
