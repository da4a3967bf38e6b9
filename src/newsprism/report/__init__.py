"""Reports: report.json (the contract), report.md and report.html, from one `Analysis`."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.model import Analysis
from newsprism.report.build import build_report, validate_report, write_json
from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown

__all__ = ["build_report", "render_html", "render_markdown", "rerender_reports", "validate_report", "write_reports"]


def write_reports(analysis: Analysis, out_dir: Path, show_uncertain: bool = False) -> list[Path]:
    """Write report.json, report.md and report.html into `out_dir`; returns their paths. report.json
    keeps every conflict; md/html show `uncertain` ones only with `show_uncertain`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report = build_report(analysis)
    validate_report(report)
    paths = [out_dir / "report.json", out_dir / "report.md", out_dir / "report.html"]
    write_json(report, str(paths[0]))
    paths[1].write_text(render_markdown(report, show_uncertain), encoding="utf-8")
    paths[2].write_text(render_html(report, show_uncertain), encoding="utf-8")
    return paths


def rerender_reports(out_dir: Path, show_uncertain: bool) -> None:
    """report.md and report.html again from the report.json in `out_dir` (`analyze --all`: the
    pipeline writes the default view)."""
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    (out_dir / "report.md").write_text(render_markdown(report, show_uncertain), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(report, show_uncertain), encoding="utf-8")
