"""The import graph of the newsprism package, read from the source (ast): module-level imports as
edges; those inside functions (`deferred`) and under `if TYPE_CHECKING:` apart. For tests/run/test_imports.py."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportGraph:
    edges: dict[str, set[str]] = field(default_factory=dict)
    deferred: dict[str, list[str]] = field(default_factory=dict)  # module -> newsprism modules imported in functions

    def cycles(self) -> list[list[str]]:
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on: set[str] = set()
        found: list[list[str]] = []
        counter = [0]

        def visit(v: str) -> None:
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on.add(v)
            for w in sorted(self.edges[v]):
                if w not in index:
                    visit(w)
                    low[v] = min(low[v], low[w])
                elif w in on:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in self.edges[v]:
                    found.append(sorted(comp))

        for v in sorted(self.edges):
            if v not in index:
                visit(v)
        return found


def module_names(package: Path) -> dict[str, Path]:
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names[name] = path
    return names


def targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in known]
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rsplit(".", 1)[0]
        parts = package.split(".")
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join(parts + ([base] if base else []))
    out = []
    for alias in node.names:
        full = f"{base}.{alias.name}"
        out.append(full if full in known else base)
    return [t for t in out if t in known]


def build_graph(package: Path) -> ImportGraph:
    known = module_names(package)
    graph = ImportGraph(edges={m: set() for m in known})
    for module, path in known.items():
        found: list[tuple[str, bool]] = []
        walk(ast.parse(path.read_text(encoding="utf-8")), False, found, module, path.name == "__init__.py", known)
        graph.edges[module] = {t for t, deferred in found if not deferred and t != module}
        deferred_targets = [t for t, deferred in found if deferred and t != module]
        if deferred_targets:
            graph.deferred[module] = deferred_targets
    return graph


def walk(node: ast.AST, deferred: bool, found: list[tuple[str, bool]], module: str, is_package: bool,
         known: dict[str, Path]) -> None:
    """Collect (imported module, inside a function?) under `node`; `if TYPE_CHECKING:` blocks skipped."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            walk(child, True, found, module, is_package, known)
        elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            continue
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            found.extend((target, deferred) for target in targets(child, module, is_package, known))
        else:
            walk(child, deferred, found, module, is_package, known)
