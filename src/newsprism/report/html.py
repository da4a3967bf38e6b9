"""report.html: one self-contained page (inline CSS and SVG, no network, no script needed).

Article text is hostile input: the Jinja2 environment autoescapes everything, and the highlighted
article view is built from escaped segments, never from concatenated markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from newsprism.report.views import (
    FRAMING_TITLES,
    article_label,
    cite_groups,
    coverage_view,
    entity_names,
    framing_by_article,
    position_matrix,
    story_views,
)

Item = dict[str, Any]


@dataclass(frozen=True)
class Segment:
    """A piece of an article's text for the highlighted view."""

    text: str
    kind: str = "plain"  # plain | statement | quote | removed
    title: str = ""
    anchor: str = ""


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsprism.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(article_label=article_label, cite_groups=cite_groups)
    return env


def render_html(report: Item, show_uncertain: bool = False) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    names = entity_names(report)
    views = story_views(report, show_uncertain)
    return environment().get_template("report.html").render(
        report=report, views=views, articles=articles, names=names,
        segments={a["id"]: article_segments(a, report["statements"], names) for a in report["articles"]},
        matrices={v.story["id"]: position_matrix(v) for v in views},
        graphs={v.story["id"]: provenance_graph(v.articles, v.derivations) for v in views},
        charts={v.story["id"]: timeline_chart(v.timeline) for v in views},
        coverages={v.story["id"]: coverage_view(v) for v in views if v.coverage},
        framings={v.story["id"]: framing_by_article(v) for v in views},
        framing_titles=FRAMING_TITLES,
    )


def article_segments(article: Item, statements: list[Item], names: dict[str, str]) -> list[Segment]:
    """The article text cut into plain, statement and removed segments, in order."""
    text = article["text"]
    spans = sorted((s for s in statements if s["article_id"] == article["id"]), key=lambda s: (s["start"], -s["end"]))
    marks: list[tuple[int, int, Segment]] = []
    last_end = -1
    for st in spans:
        if st["start"] < last_end:  # nested or overlapping statement: the outer one is shown
            continue
        who = names.get(st.get("speaker") or "", st.get("speaker_text") or "unattributed")
        title = f"{who} — {st.get('cue') or ''} {st.get('said_on') or ''}".strip()
        kind = "quote" if st["direct"] else "statement"
        marks.append((st["start"], st["end"], Segment(text[st["start"]:st["end"]], kind, title, st["id"])))
        last_end = st["end"]
    removed = [(r["at"], Segment(r["text"], "removed", r["reason"])) for r in article.get("removed") or []]
    return merge_segments(text, marks, removed)


def merge_segments(text: str, marks: list[tuple[int, int, Segment]],
                   removed: list[tuple[int, Segment]]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    pending = sorted(removed, key=lambda r: r[0])
    for start, end, seg in marks:
        pos = emit_plain(text, pos, start, pending, out)
        out.append(seg)
        pos = end
    emit_plain(text, pos, len(text), pending, out)
    out.extend(seg for _, seg in pending)
    pending.clear()
    return out


def emit_plain(text: str, pos: int, stop: int, pending: list[tuple[int, Segment]], out: list[Segment]) -> int:
    """Plain text from `pos` to `stop`, with removed segments inserted where they stood."""
    while pending and pending[0][0] <= stop:
        at, seg = pending.pop(0)
        at = max(at, pos)
        if at > pos:
            out.append(Segment(text[pos:at]))
        out.append(seg)
        pos = at
    if stop > pos:
        out.append(Segment(text[pos:stop]))
    return max(pos, stop)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str
    directed: bool
    label: str


@dataclass(frozen=True)
class Graph:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


GRAPH_SIZE = 360


def provenance_graph(articles: list[Item], derivations: list[Item]) -> Graph:
    """Articles on a circle, one arrow per derivation; an external source gets its own node."""
    ids = [a["id"] for a in articles]
    externals = sorted({d["source_name"] or "external" for d in derivations if not d.get("source")})
    labels = {a["id"]: article_label(a) for a in articles} | {f"ext:{e}": e for e in externals}
    keys = ids + [f"ext:{e}" for e in externals]
    r, c = GRAPH_SIZE * 0.36, GRAPH_SIZE / 2
    pos = {k: (c + r * math.cos(2 * math.pi * i / max(1, len(keys)) - math.pi / 2),
               c + r * math.sin(2 * math.pi * i / max(1, len(keys)) - math.pi / 2)) for i, k in enumerate(keys)}
    nodes = [Node(k, labels[k], *pos[k]) for k in keys]
    edges = []
    for d in derivations:
        src = d["source"] or f"ext:{d['source_name'] or 'external'}"
        if src in pos and d["target"] in pos:
            (x1, y1), (x2, y2) = pos[src], pos[d["target"]]
            edges.append(Edge(*shorten(x1, y1, x2, y2, 22), d["kind"], bool(d.get("directed", True)), d["kind"]))
    return Graph(GRAPH_SIZE, GRAPH_SIZE, nodes, edges)


def shorten(x1: float, y1: float, x2: float, y2: float, by: float) -> tuple[float, float, float, float]:
    """Pull both ends of a line in by `by` pixels so arrows stop at the node circles."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = (x2 - x1) / length * by, (y2 - y1) / length * by
    return x1 + dx, y1 + dy, x2 - dx, y2 - dy


@dataclass(frozen=True)
class Tick:
    x: float
    date: str
    text: str
    background: bool


def timeline_chart(entries: list[Item], width: int = 640) -> list[Tick]:
    """Timeline entries placed on a horizontal axis by date (ordinal), for the inline SVG."""
    from datetime import date

    def ordinal(value: str) -> int | None:
        try:
            return date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None

    dated = [(ordinal(str(e["date"])), e) for e in entries]
    known = [(o, e) for o, e in dated if o is not None]
    if not known:
        return []
    lo, hi = min(o for o, _ in known), max(o for o, _ in known)
    span = max(1, hi - lo)
    return [Tick(30 + (o - lo) / span * (width - 60), str(e["date"])[:10], str(e["text"]), bool(e.get("background")))
            for o, e in known]
