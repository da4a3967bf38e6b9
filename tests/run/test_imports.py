"""No import cycles between newsprism's modules, and no import inside a function except the few that
defer loading on purpose (each listed here with why): a deferred import that only dodged a cycle hid
a design problem (issue 19)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from import_graph import build_graph

# (module, imported module) pairs allowed inside functions, and why.
DEFERRED = {
    # The CLI starts fast: `newsprism --help`, `stories`, `serve` must not load spaCy and the encoders.
    **{("newsprism.cli", target): "CLI start-up" for target in (
        "newsprism.analysis", "newsprism.engines.local", "newsprism.ingest.limits", "newsprism.pipeline",
        "newsprism.report", "newsprism.report.query", "newsprism.run.describe", "newsprism.run.run",
        "newsprism.serialize", "newsprism.watch.client", "newsprism.watch.loop", "newsprism.web.app",
        "newsprism.web.server")},
    ("newsprism.cli", "newsprism.claims.run"): "CLI start-up",
    ("newsprism.cli", "newsprism.statements.encoder"): "CLI start-up (checks the tagger extra for --attribution)",
    ("newsprism.cli", "newsprism.statements.tagged"): "CLI start-up (--attribution's environment variable)",
    ("newsprism.engines.local", "newsprism.engines.ray"): "Ray is an optional extra",
    ("newsprism.web.jobs", "newsprism.pipeline"): "the server starts without spaCy; loaded on the first upload",
    ("newsprism.web.service", "newsprism.analysis"): "the server starts without spaCy; loaded on the first analysis",
    ("newsprism.web.claims", "newsprism.claims.check"): "the server starts without spaCy; loaded on the first claim check",
}


def test_no_import_cycles() -> None:
    graph = build_graph(ROOT / "src" / "newsprism")
    assert graph.cycles() == []


def test_imports_inside_functions_are_only_the_listed_ones() -> None:
    graph = build_graph(ROOT / "src" / "newsprism")
    found = {(module, target) for module, targets in graph.deferred.items() for target in targets}
    assert found <= set(DEFERRED), sorted(found - set(DEFERRED))


def test_the_web_app_and_the_cli_load_no_models() -> None:
    code = ("import sys, newsprism.cli, newsprism.web.app; "
            "print(sorted(m for m in ('spacy', 'torch', 'newsprism.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
