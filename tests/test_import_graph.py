"""No circle of imports inside the ``reportedly`` package.

The graph is read from the source with :mod:`ast`, not by importing anything: every ``import``
and ``from … import`` in a module counts, wherever it stands — at the top, inside a function, or
under ``if TYPE_CHECKING`` — since an import moved into a function to dodge a circle is still a
circle. ``from . import name`` points at the submodule ``name`` when there is one, else at the
package's ``__init__``. The parents Python imports on the way to a submodule are not counted.

Run it as a script to list the circles (each strongly connected group of modules and the
imports that join it): ``.venv/bin/python tests/test_import_graph.py``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "reportedly"
SRC = Path(__file__).resolve().parent.parent / "src"

#: Packages whose own circles would be tolerated (none: corpus/ is untangled too). A circle that
#: reaches outside an allowed package always fails.
ALLOWED: tuple[str, ...] = ()


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` under ``src``, by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def import_graph(src: Path = SRC, package: str = PACKAGE) -> dict[str, dict[str, list[int]]]:
    """module → {imported module of the package → line numbers of the imports}."""
    files = module_files(src, package)
    graph: dict[str, dict[str, list[int]]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        edges: dict[str, list[int]] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                for alias in node.names:
                    dotted = alias.name
                    while dotted and dotted not in files:  # `import a.b.c` → the deepest known module
                        dotted = dotted.rpartition(".")[0]
                    if dotted:
                        targets.append(dotted)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                for alias in node.names:
                    sub = f"{stem}.{alias.name}"
                    if sub in files:
                        targets.append(sub)
                    elif stem in files:
                        targets.append(stem)
            for target in targets:
                if target != name:
                    edges.setdefault(target, []).append(node.lineno)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, list[int]]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (each sorted), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan; the package is small enough for recursion
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def _allowed(group: list[str]) -> bool:
    return all(any(m == p or m.startswith(p + ".") for p in ALLOWED) for m in group)


def describe(graph: dict[str, dict[str, list[int]]], group: list[str]) -> str:
    """One circle: its modules and the imports between them (with line numbers)."""
    members = set(group)
    lines = [f"{len(group)} modules: {', '.join(group)}"]
    for m in group:
        for t, at in sorted(graph[m].items()):
            if t in members:
                lines.append(f"  {m} -> {t} (line {', '.join(map(str, sorted(set(at))))})")
    return "\n".join(lines)


def test_no_import_cycles():
    graph = import_graph()
    assert "reportedly.attribution.candidates" in graph  # the walk found the package
    bad = [g for g in cycles(graph) if not _allowed(g)]
    assert not bad, "circles of imports:\n" + "\n".join(describe(graph, g) for g in bad)


def test_the_check_sees_circles_through_functions(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import a\n")
    (pkg / "c.py").write_text("from . import a\n")
    graph = import_graph(tmp_path, "pkg")
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


if __name__ == "__main__":
    g = import_graph()
    found = cycles(g)
    for grp in found:
        print(describe(g, grp) + ("   [allowed for now]" if _allowed(grp) else ""))
    print(f"{len(found)} circle(s) of imports in {PACKAGE}, "
          f"{sum(not _allowed(grp) for grp in found)} outside the allow-list")
    sys.exit(1 if any(not _allowed(grp) for grp in found) else 0)
