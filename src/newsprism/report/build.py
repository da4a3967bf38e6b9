"""Build `report.json` (the contract, `newsprism.report/1`) from an `Analysis`.

The report is the product's one stable output: its top-level keys are fixed (see
docs/report-format.md and report/schema.json, which the tests validate every report against).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.coverage.matrix import outlet_blindspots
from newsprism.model import Alignment, Analysis, Article, Span, StoryAnalysis
from newsprism.serialize import to_data

FORMAT = "newsprism.report/1"
TOP_LEVEL = ("format", "articles", "rejected", "stories", "derivations", "entities", "statements",
             "propositions", "positions", "conflicts", "temporal_expressions", "timeline", "coverage",
             "brief")
# The sections that are lists (everything but "format"), in report order: the one list that Parquet
# output, the report spool and the web service's empty reports also use.
SECTIONS = TOP_LEVEL[1:]

Report = dict[str, Any]


def build_report(analysis: Analysis) -> Report:
    texts = {a.id: a.text for a in analysis.articles}
    story_of = {aid: s.story.id for s in analysis.stories for aid in s.story.article_ids}
    outlets = {a.id: a.outlet or a.external_id or a.id for a in analysis.articles}
    framing: dict[str, list[dict[str, Any]]] = {}
    for s in analysis.stories:
        for f in s.framing:
            framing.setdefault(f.article_id, []).append(to_data(f))
    report: Report = {
        "format": FORMAT,
        "articles": [article_data(a, story_of.get(a.id), framing.get(a.id, [])) for a in analysis.articles],
        "rejected": [to_data(r) for r in analysis.rejected],
        "stories": [to_data(s.story) | {"blindspots": blindspot_data(s, outlets)} for s in analysis.stories],
        "derivations": [derivation_data(d, s, texts) for s in analysis.stories for d in s.derivations],
        "entities": [to_data(e) for e in analysis.entities],
        "statements": [to_data(st) for an in analysis.annotations for st in an.statements],
        "propositions": [to_data(p) for s in analysis.stories for p in s.propositions],
        "positions": [to_data(p) for s in analysis.stories for p in s.positions],
        "conflicts": [to_data(c) | {"story_id": s.story.id} for s in analysis.stories for c in s.conflicts],
        "temporal_expressions": [to_data(t) for an in analysis.annotations for t in an.timexes],
        "timeline": [to_data(t) | {"story_id": s.story.id} for s in analysis.stories for t in s.timeline],
        "coverage": [to_data(c) | {"story_id": s.story.id} for s in analysis.stories for c in s.coverage],
        "brief": [to_data(b) | {"story_id": s.story.id} for s in analysis.stories for b in s.brief],
    }
    return report


def blindspot_data(story: StoryAnalysis, outlets: dict[str, str]) -> list[dict[str, Any]]:
    """Per outlet, the units of the story that other outlets report and none of its articles carries."""
    return [{"outlet": b.outlet, "article_ids": list(b.article_ids),
             "units": [{"unit": r.unit, "text": r.text, "kind": r.kind, "outlets": n} for r, n in b.units]}
            for b in outlet_blindspots(story.coverage, outlets, story.derivations)]


def article_data(article: Article, story_id: str | None, framing: list[dict[str, Any]]) -> dict[str, Any]:
    data = to_data(article)
    data["removed"] = [{"text": r.text, "reason": r.reason, "at": r.at} for r in article.removed]
    data["story_id"] = story_id
    data["framing"] = framing
    return dict(data)


def span_data(span: Span, texts: dict[str, str]) -> dict[str, Any]:
    text = texts.get(span.article_id, "")
    return {"article_id": span.article_id, "start": span.start, "end": span.end,
            "text": text[span.start:span.end]}


def alignment_data(alignment: Alignment, texts: dict[str, str]) -> dict[str, Any]:
    return {"source": span_data(alignment.source, texts), "target": span_data(alignment.target, texts),
            "score": round(alignment.score, 4), "kind": alignment.kind}


def derivation_data(derivation: Any, story: StoryAnalysis, texts: dict[str, str]) -> dict[str, Any]:
    data = to_data(derivation)
    data["alignments"] = [alignment_data(a, texts) for a in derivation.alignments]
    data["score"] = round(derivation.score, 4)
    data["story_id"] = story.story.id
    return dict(data)


def load_schema() -> dict[str, Any]:
    text = resources.files("newsprism.report").joinpath("schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate_report(report: Report) -> None:
    """Raise `jsonschema.ValidationError` when the report breaks the contract.

    `jsonschema_rs` (Rust) decides when it is installed: a 393-article report takes it 0.11 s against
    jsonschema's 6.9 s (linear in the report: a batched run validates every story group in the driver
    while the workers wait). jsonschema stays the reference: it runs on every report jsonschema_rs
    rejects, to name the error."""
    import jsonschema

    fast = _fast_validator()
    if fast is not None and fast.is_valid(report):
        return
    jsonschema.validate(report, load_schema())


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema())


def write_json(report: Report, path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
        f.write("\n")
