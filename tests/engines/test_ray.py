"""The Ray engine gives the same report.json as the local engine (a private local Ray instance,
2 CPUs). Skipped when the 'ray' extra is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("ray")
pytest.importorskip("pyarrow")

from newsprism.engines.ray import RayEngine  # noqa: E402
from newsprism.pipeline import analyze_run  # noqa: E402
from newsprism.run.run import Run  # noqa: E402
from newsprism.store.sqlite import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def test_ray_matches_local(tmp_path: Path) -> None:
    with open_store(tmp_path / "local.db") as store:
        analyze_run([CORPUS], Run(store), tmp_path / "local")
    with open_store(tmp_path / "ray.db") as store, RayEngine(workers=2) as engine:
        analyze_run([CORPUS], Run(store, engine), tmp_path / "ray")
        assert engine.workers == 2
    local = (tmp_path / "local" / "report.json").read_text(encoding="utf-8")
    ray = (tmp_path / "ray" / "report.json").read_text(encoding="utf-8")
    assert json.loads(ray) == json.loads(local)
    assert ray == local
