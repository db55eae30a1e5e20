"""The import graph of app/ and catalogue/, read from the source, and the house figures.

`python -m tests.import_graph` prints the figures the layout issue asks for: modules at the
top of catalogue/, import cycles (counting imports inside functions, not imports made only for
type hints), arrows between packages and the median module size. tests/test_layout.py keeps
the rules these figures describe.
"""

from __future__ import annotations

import ast
import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("catalogue", "app")
SKIPPED = ("catalogue/migrations/versions",)


def module_name(path: Path) -> str:
    """The dotted name of a source file under ROOT (a package's __init__ is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    """Every Python file of app/ and catalogue/, migrations' version scripts left out."""
    files: list[Path] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(SKIPPED):
                files.append(path)
    return files


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.Module, module: str, is_package: bool) -> Iterable[str]:
    """Dotted names imported anywhere in the module, except under `if TYPE_CHECKING:`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from x import y` names module x.y when there is one, else module x.
            yield from (f"{base}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))


@dataclass
class Graph:
    """Modules of app/ and catalogue/ and the arrows between them (importer → imported)."""

    lines: dict[str, int] = field(default_factory=dict)
    edges: dict[str, set[str]] = field(default_factory=dict)
    packages: set[str] = field(default_factory=set)

    def package_of(self, module: str) -> str:
        """The package a module lives in (a package's own __init__ belongs to itself)."""
        return module if module in self.packages else module.rpartition(".")[0]

    def cycles(self) -> list[list[str]]:
        """Groups of modules that import each other, directly or round a loop."""
        return strongly_connected(self.lines, self.edges)

    def package_cycles(self) -> list[list[str]]:
        """Groups of packages whose modules import each other round a loop."""
        edges: dict[str, set[str]] = {}
        for source, target in self.package_arrows():
            edges.setdefault(source, set()).add(target)
        return strongly_connected(self.packages, edges)

    def package_arrows(self) -> set[tuple[str, str]]:
        """Distinct arrows between different packages."""
        return {
            (self.package_of(source), self.package_of(target))
            for source, targets in self.edges.items()
            for target in targets
            if self.package_of(source) != self.package_of(target)
        }


def strongly_connected(nodes: Iterable[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(found)


def build() -> Graph:
    """Read every module of app/ and catalogue/ and resolve its imports to modules."""
    graph = Graph()
    trees: dict[str, tuple[ast.Module, bool]] = {}
    for path in source_files():
        name = module_name(path)
        text = path.read_text(encoding="utf-8")
        graph.lines[name] = len(text.splitlines())
        is_package = path.name == "__init__.py"
        if is_package:
            graph.packages.add(name)
        trees[name] = (ast.parse(text), is_package)
    for name, (tree, is_package) in trees.items():
        targets: set[str] = set()
        for imported in _imported_names(tree, name, is_package):
            while imported and imported not in graph.lines:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph.edges[name] = targets
    # Importing x.y also runs the package x's __init__; those hold only exports (a layout
    # test keeps them so), so only the module named is counted as what is depended on.
    return graph


def top_level_modules(package: str = "catalogue") -> list[str]:
    """Modules directly in a package's folder, its __init__ left out."""
    return sorted(p.stem for p in (ROOT / package).glob("*.py") if p.name != "__init__.py")


def figures(graph: Graph) -> dict[str, float]:
    """The house figures: top-level modules, cycles, package arrows, median module size."""
    sizes = [lines for name, lines in graph.lines.items() if name not in graph.packages]
    cycles = graph.cycles()
    return {
        "modules at the top of catalogue/": len(top_level_modules("catalogue")),
        "modules at the top of app/": len(top_level_modules("app")),
        "import cycles (groups of modules)": len(cycles),
        "modules inside a cycle": sum(len(group) for group in cycles),
        "arrows between packages": len(graph.package_arrows()),
        "package cycles (groups of packages)": len(graph.package_cycles()),
        "packages": len(graph.packages),
        "modules": len(sizes),
        "median module size (lines)": statistics.median(sizes),
    }


def main() -> None:
    """Print the figures, then each cycle."""
    graph = build()
    for name, value in figures(graph).items():
        print(f"{name}: {value:g}")
    for group in graph.cycles():
        print("module cycle:", " ↔ ".join(group))
    for group in graph.package_cycles():
        print("package cycle:", " ↔ ".join(group))


if __name__ == "__main__":
    main()
