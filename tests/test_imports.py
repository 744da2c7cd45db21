"""No import cycle among our packages (module-level imports; ``TYPE_CHECKING`` blocks are
for the type checker only). Regression: models.plan <-> models.tradeoffs."""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("models", "optimizer", "api", "scenarios")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in tree.body:  # module level only: imports inside functions are deferred
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else []:
            names: list[str] = []
            if isinstance(sub, ast.Import):
                names = [a.name for a in sub.names]
            elif isinstance(sub, ast.ImportFrom) and sub.module and sub.level == 0:
                names = [sub.module] + [f"{sub.module}.{a.name}" for a in sub.names]
            out |= {n for n in names if n in known}
    return out


def test_no_import_cycle() -> None:
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    known = {_module(p) for p in files}
    graph = {_module(p): _imports(p, known) - {_module(p)} for p in files}
    state: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package importing its own submodules (optimizer.rules -> optimizer.rules.fate) and
    # the submodule importing a sibling through the package is Python's normal way; only
    # cycles between different modules' own code count.
    real = [
        c for c in cycles if not all(a.startswith(b) or b.startswith(a) for a, b in pairwise(c))
    ]
    assert real == []
