"""List the imports between the modules of ``reportedly.corpus`` (top-level and inside functions alike)
and fail when they form a circle.

    python scripts/corpus_imports.py [--print]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportedly" / "corpus"


def edges() -> dict[str, set[str]]:
    mods = {p.stem for p in PACKAGE.glob("*.py")}
    out: dict[str, set[str]] = {m: set() for m in mods}
    for m in mods:
        tree = ast.parse((PACKAGE / f"{m}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    target = node.module.split(".")[0]
                    if target in mods:
                        out[m].add(target)
                else:  # from . import x
                    out[m] |= {a.name for a in node.names if a.name in mods}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportedly.corpus."):
                target = node.module.split(".")[2]
                if target in mods:
                    out[m].add(target)
    out.pop("__init__", None)
    for v in out.values():
        v.discard("__init__")
    return out


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for t in sorted(graph.get(n, ())):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def main() -> int:
    graph = edges()
    if "--print" in sys.argv:
        for m in sorted(graph):
            print(f"{m}: {', '.join(sorted(graph[m])) or '-'}")
    found = cycle(graph)
    if found:
        print("import circle: " + " -> ".join(found))
        return 1
    print(f"no import circle among {len(graph)} modules of reportedly.corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
