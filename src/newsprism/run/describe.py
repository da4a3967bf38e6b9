"""The stage graphs in words: what `newsprism stages` prints and docs/architecture.md shows."""

from __future__ import annotations

from typing import Any

from newsprism.run.article import article_graph
from newsprism.run.stage import INPUTS, Graph
from newsprism.run.story import story_graph


def graphs() -> list[Graph]:
    return [article_graph(), story_graph()]


def describe(graph: Graph) -> list[dict[str, Any]]:
    return [{"scope": graph.scope.value, "name": s.name, "version": s.version, "label": s.label,
             "requires": list(s.requires), "provides": list(s.provides), "key": graph.key(s.name),
             "summary": s.summary} for s in graph.stages]


def graph_lines(graph: Graph) -> list[str]:
    """One line per stage, in run order: `name vN  requires -> provides  summary`."""
    lines = [f"{graph.scope.value} stages (inputs: {', '.join(INPUTS[graph.scope])})"]
    width = max(len(f"{s.name} v{s.version}") for s in graph.stages)
    for s in graph.stages:
        head = f"{s.name} v{s.version}".ljust(width)
        lines.append(f"  {head}  {', '.join(s.requires)} -> {', '.join(s.provides)}")
        lines.append(f"  {'':{width}}  {s.summary}")
    return lines


def graph_text() -> str:
    return "\n\n".join("\n".join(graph_lines(g)) for g in graphs()) + "\n"
