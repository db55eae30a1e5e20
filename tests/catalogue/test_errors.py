"""NotFound: every "not there" of the catalogue is one family, and no bug belongs to it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import catalogue
from catalogue.errors import NotFound
from catalogue.iiif.image_service import UnknownImage
from catalogue.reading.exhibits import ExhibitNotFound
from catalogue.reading.records import RecordNotFound


def _catalogue_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module_info in pkgutil.walk_packages(catalogue.__path__, "catalogue."):
        if module_info.name.startswith("catalogue.migrations"):
            continue  # Alembic scripts run only under Alembic
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module_info.name
            ):
                found[f"{module_info.name}.{name}"] = value
    return found


def test_every_not_found_exception_of_the_catalogue_is_a_notfound() -> None:
    exceptions = _catalogue_exceptions()
    missing = [
        name
        for name, cls in exceptions.items()
        if ("NotFound" in name or name.rsplit(".", 1)[1].startswith("Unknown"))
        and not issubclass(cls, NotFound)
    ]
    assert missing == []
    assert {RecordNotFound, ExhibitNotFound, UnknownImage} <= set(exceptions.values())


@pytest.mark.parametrize("cls", [NotFound, RecordNotFound, ExhibitNotFound, UnknownImage])
def test_one_except_clause_catches_them_all(cls: type[NotFound]) -> None:
    with pytest.raises(NotFound) as caught:
        raise cls("ms-404")
    assert isinstance(caught.value, LookupError)
    assert str(caught.value) == "ms-404"


def test_a_bug_is_not_mistaken_for_a_missing_record() -> None:
    assert not issubclass(KeyError, NotFound)
    assert not issubclass(IndexError, NotFound)
    assert not issubclass(NotFound, KeyError)  # str() of a KeyError would quote the id
