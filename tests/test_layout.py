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


def test_catalogue_modules_import_each_other_one_way() -> None:
    # Counting imports inside functions: hiding one there does not make a cycle go away.
    graph = import_graph.build()
    assert [group for group in graph.cycles() if group[0].startswith("catalogue")] == []


def test_models_import_no_service_of_the_catalogue() -> None:
    # Models may use value types (localized text, historical dates) and each other; the services
    # above them (transactions, audit, search) use the models, never the other way round.
    values = {"catalogue.localized", "catalogue.dates"}
    graph = import_graph.build()
    offenders = {
        (source, target)
        for source, targets in graph.edges.items()
        if source.startswith("catalogue.models")
        for target in targets
        if not target.startswith("catalogue.models") and target not in values
    }
    assert offenders == set()
