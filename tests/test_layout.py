"""House rules that keep the code livable (DESIGN.md, habits 2 and 4)."""

import ast
from pathlib import Path

from tests import import_graph

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_catalogue_never_imports_flask_or_the_web_layer() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "catalogue").rglob("*.py")
        if _imports(path) & {"flask", "werkzeug", "flask_babel", "app"}
    ]
    assert offenders == []


def test_views_do_not_touch_sql_search_or_images_directly() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if _imports(path) & {"sqlalchemy", "whoosh", "PIL"}
        and path.name not in {"context.py"}  # holds the request's session, runs no queries
    ]
    assert offenders == []


def test_init_modules_hold_no_logic_beyond_the_factory_and_exports() -> None:
    for path in [*list((ROOT / "catalogue").rglob("__init__.py")), ROOT / "app" / "__init__.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert set(functions) <= {"create_app"}, path


def test_models_import_no_service_of_the_catalogue() -> None:
    # Models may use value types (localized text, historical dates) and each other; the services
    # above them (transactions, audit, search) use the models, never the other way round.
    values = {"catalogue.language.localized", "catalogue.dates.calendars"}
    graph = import_graph.build()
    offenders = {
        (source, target)
        for source, targets in graph.edges.items()
        if source.startswith("catalogue.models")
        for target in targets
        if not target.startswith("catalogue.models") and target not in values
    }
    assert offenders == set()


# The house's shape (issue 14): no import cycles, small packages, one door per audience.

MAX_MODULES_PER_PACKAGE = 12
# One module per concept: the model grows a module with each kind of record or row it gains.
GROWS_WITH_THE_MODEL = {"catalogue.models"}
DOORS = ("app.kiosk", "app.scholar", "app.curator")


def test_no_import_cycles_between_modules() -> None:
    # Imports inside functions count; imports under `if TYPE_CHECKING:` (type hints) do not.
    assert import_graph.build().cycles() == []


def test_no_package_outgrows_a_dozen_modules() -> None:
    graph = import_graph.build()
    counts: dict[str, int] = {}
    for module in graph.lines:
        if module not in graph.packages:
            package = graph.package_of(module)
            counts[package] = counts.get(package, 0) + 1
    crowded = {
        package: count
        for package, count in counts.items()
        if count > MAX_MODULES_PER_PACKAGE and package not in GROWS_WITH_THE_MODEL
    }
    assert crowded == {}


def test_each_audience_has_its_own_door_and_doors_do_not_borrow_from_each_other() -> None:
    graph = import_graph.build()
    assert set(DOORS) <= graph.packages
    borrowed = sorted(
        (source, target)
        for source, targets in graph.edges.items()
        for target in targets
        for door in DOORS
        if source.startswith(door + ".")
        and target.startswith(DOORS)
        and not target.startswith(door)
    )
    assert borrowed == []


def test_every_format_lives_in_formats() -> None:
    # Import and export are cut by format, not by direction.
    assert not (ROOT / "catalogue" / "exporters").exists()
    assert not (ROOT / "catalogue" / "importers").exists()
    formats = ROOT / "catalogue" / "formats"
    for room in ("tei", "table", "catalogue_json"):
        assert (formats / room / "__init__.py").exists(), room


def test_catalogue_tests_mirror_the_package_layout() -> None:
    # tests/catalogue/a/b/test_c.py tests catalogue/a/b/c.py (or c_*: several files for one module).
    misplaced = []
    for path in (ROOT / "tests" / "catalogue").rglob("test_*.py"):
        package = ROOT / path.parent.relative_to(ROOT / "tests")
        subject = path.stem.removeprefix("test_")
        modules = {p.stem for p in package.glob("*.py")} | {p.name for p in package.iterdir()}
        if not any(subject == m or subject.startswith(m + "_") for m in modules):
            misplaced.append(str(path.relative_to(ROOT)))
    assert misplaced == []


def test_every_module_has_a_test_file_of_its_own() -> None:
    # catalogue/a/b.py is tested by tests/catalogue/a/test_b.py (or test_b_<aspect>.py).
    untested = []
    for package in ("catalogue", "app"):
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if path.name == "__init__.py" or relative.parts[:2] == ("catalogue", "migrations"):
                continue
            tests = ROOT / "tests" / relative.parent
            if not (tests / f"test_{path.stem}.py").exists() and not any(
                tests.glob(f"test_{path.stem}_*.py")
            ):
                untested.append(str(relative))
    assert sorted(untested) == []
