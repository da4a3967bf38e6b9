"""The coverage matrix (one row per unit and article) and the views derived from it.

Status of a cell:
- `reports`: the article carries the unit (span = where);
- `contradicts`: the article states something the story's conflicts show to be different from the
  unit (a discrepancy between outlets, or a distortion of a changed date, number, negation or name in a
  rewrite/translation), span = the contradicting sentence; a conflict marked `uncertain` (below its
  calibrated threshold) makes no `contradicts` cell, and neither does the side of a conflict whose
  sentence is the unit's own wording (the article states the unit; `restates`);
- `omits`: no sentence of the article carries it, in the unit's words or others (`carries`); a
  sentence that does makes a `reports` cell with `match` = how it was found ("paraphrase" | "words",
  None for the unit's own spans) and its `similarity`. An `omits` cell where a sentence partly matches
  the unit (`find_candidate`) is `uncertain`, with that sentence's span: the views leave it out of the
  omissions and blindspots unless asked (`show_uncertain`, the CLI's `--all`).

Derived views (used by report.md / report.html and the tests): units carried by one independent source
only, what each article omits, and how many independent sources stand behind each unit (copies,
rewrites and translations of one original count once).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsprism.coverage.carries import MAX_SOURCES, Source, find_candidate, find_carrier
from newsprism.coverage.units import Context, Unit, build_context, build_units, families, overlap
from newsprism.model import (
    Annotation,
    Article,
    ConflictKind,
    CoverageCell,
    Derivation,
    Evidence,
    StoryAnalysis,
)
from newsprism.stories.embed import embed_cached

# v4 on two branches (carriers + contradicts placement merged; carriers round 2), merged: v5; v6 on three
# branches (cells of a proposition that is not checkable say so; uncertain `omits` cells, the maybe band;
# contradicts only on units stating the changed value), merged: v7, v8; v9: fourth-round carrier and band
# rules (bodies in lower case, ages, same-precision estimates, open questions and opposite verbs, the lead)
COVERAGE = "newsprism.coverage.v10"  # v10: an event unit's span is the sentence of its own event

# Distortion explanations that say the fact itself changed (not only its attribution or hedging).
CHANGED_FACT = ("date changed", "number", "negat", "name", "opposite")
# ... except a change that only made it vaguer ("Earlier on Thursday" -> "Earlier in the week"): the
# vaguer report still fits the unit, so the article does not contradict it.
COMPATIBLE_CHANGE = ("vaguer",)
# The two values a changed-fact explanation names (conflicts/distortion.py's wording).
CHANGED_VALUES = re.compile(r"^(?:'([^']+)' became '([^']+)'|the number (\S+) became (\S+))")


def states_changed_value(unit_text: str, explanation: str) -> bool:
    """Whether the unit itself states one of the two values a distortion says changed: only then does
    the other side contradict it (issue 21: the pirates' "on Friday" -> "on Thursday" had marked a unit
    about boats spotted at 9.25 a.m. that one of the two sentences merely overlapped). True when the
    explanation names no values (a negation)."""
    found = CHANGED_VALUES.match(explanation)
    if found is None:
        return True
    text = " ".join(unit_text.lower().split())
    return any(v and v.lower() in text for v in found.groups())


def entity_names(annotations: Sequence[Annotation]) -> dict[str, str]:
    """Entity id -> the most frequent (then longest) name used for it in the articles."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for ann in annotations:
        for m in ann.mentions:
            if m.entity and m.kind == "name":
                seen[m.entity][" ".join(m.text.split())] += 1
    # the fullest form of the name ("John Coale" over "Coale"), then the most frequent
    return {
        e: max(sorted(c), key=lambda t: (len(t.split()) <= 4, len(t.split()), c[t])) for e, c in seen.items()
    }


def build_coverage(
    articles: Sequence[Article], annotations: Sequence[Annotation], story: StoryAnalysis
) -> tuple[CoverageCell, ...]:
    ctx = build_context(articles, annotations, story.derivations)
    units = build_units(ctx, story, entity_names(annotations))
    return cells_of(units, ctx, story)


def coverage_with_units(
    articles: Sequence[Article], annotations: Sequence[Annotation], story: StoryAnalysis
) -> tuple[tuple[CoverageCell, ...], list[Unit], Context]:
    """`build_coverage`, also returning the units and the shared context (for the brief and framing)."""
    ctx = build_context(articles, annotations, story.derivations)
    units = build_units(ctx, story, entity_names(annotations))
    return cells_of(units, ctx, story), units, ctx


def cells_of(units: Sequence[Unit], ctx: Context, story: StoryAnalysis) -> tuple[CoverageCell, ...]:
    against = contradictions(units, ctx, story)
    cells = []
    for unit in units:
        sources = unit_sources(unit, ctx) if len(unit.spans) < len(ctx.order) else []
        for aid in ctx.order:
            span = unit.spans.get(aid)
            if (unit.id, aid) in against and span is None:
                s = against[(unit.id, aid)]
                cells.append(CoverageCell(unit.id, unit.text, aid, "contradicts", s[0], s[1]))
            elif (unit.id, aid) in against:
                s = against[(unit.id, aid)]
                cells.append(CoverageCell(unit.id, unit.text, aid, "contradicts", s[0], s[1]))
            elif span is not None:
                start, end = (span.start, span.end) if span.end > span.start else (None, None)
                cells.append(CoverageCell(unit.id, unit.text, aid, "reports", start, end))
            else:
                cells.append(carried_or_omitted(unit, aid, ctx, sources))
    unchecked = {u.id for u in units if not u.checkable}
    return tuple(replace(c, checkable=False) if c.unit in unchecked else c for c in cells)


def unit_sources(unit: Unit, ctx: Context) -> list[Source]:
    """The unit's reporting spans (a sentence, a statement's content, an event's evidence), at most
    MAX_SOURCES, in article order, each with its article's sentences: what another article's
    sentences are compared with."""
    spans = [(aid, span) for aid, span in unit.spans.items() if span.end > span.start and aid in ctx.articles]
    spans = spans[:MAX_SOURCES]
    texts = [ctx.articles[aid].text[span.start:span.end].strip() or "." for aid, span in spans]
    out = []
    for (aid, span), text, vector in zip(spans, texts, embed_cached(texts), strict=True):
        sents = ctx.by_article.get(aid, [])
        home = tuple(k for k, s in enumerate(sents) if overlap(s.start, s.end, span.start, span.end))
        article = ctx.vectors[[s.index for s in sents]] if sents else ctx.vectors[:0]
        out.append(Source(text, vector, article, home, ctx.articles[aid].language or "en"))
    return out


def carried_or_omitted(unit: Unit, article_id: str, ctx: Context, sources: list[Source]) -> CoverageCell:
    """`omits` only when no sentence of the article carries the unit in other words; otherwise a
    `reports` cell on the sentence that does, saying how it was found (`match`). An `omits` cell where a
    sentence partly matches the unit is `uncertain`, on that sentence."""
    sents = ctx.by_article.get(article_id, [])
    if not sents:
        return CoverageCell(unit.id, unit.text, article_id, "omits")
    language = ctx.articles[article_id].language or "en"
    speaker = unit.speaker_name if unit.kind == "statement" else None
    texts, vectors = [s.text for s in sents], ctx.vectors[[s.index for s in sents]]
    found = find_carrier(sources, texts, vectors, language, speaker)
    if found is None:
        maybe = find_candidate(sources, texts, vectors, speaker)
        if maybe is None:
            return CoverageCell(unit.id, unit.text, article_id, "omits")
        s = sents[maybe.index]
        return CoverageCell(unit.id, unit.text, article_id, "omits", s.start, s.end,
                            similarity=round(maybe.similarity, 4), uncertain=True)
    s = sents[found.index]
    return CoverageCell(unit.id, unit.text, article_id, "reports", s.start, s.end, found.how,
                        round(found.similarity, 4))


def contradictions(
    units: Sequence[Unit], ctx: Context, story: StoryAnalysis
) -> dict[tuple[str, str], tuple[int, int]]:
    """(unit, article) -> span of the article's sentence that contradicts the unit."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for c in story.conflicts:
        said = c.explanation.lower()
        if c.kind == ConflictKind.DISTORTION and (not any(k in said for k in CHANGED_FACT)
                                                  or any(k in said for k in COMPATIBLE_CHANGE)):
            continue
        if c.kind not in (ConflictKind.DISCREPANCY, ConflictKind.DISTORTION):
            continue
        if c.uncertain:  # the bar the conflicts list uses (conflicts.calibrate): below it, no `contradicts`
            continue
        ev = [e for e in c.evidence if e.field == "text" and e.article_id in ctx.articles]
        for unit in units:
            if c.kind == ConflictKind.DISTORTION and not states_changed_value(unit.text, c.explanation):
                continue
            for ref in ev:
                span = unit.spans.get(ref.article_id)
                if span is None or not overlap(span.start, span.end, ref.start, ref.end):
                    continue
                for e in ev:
                    if e.article_id != ref.article_id and not restates(unit, e, ctx):
                        out.setdefault((unit.id, e.article_id), (e.start, e.end))
    return out


def restates(unit: Unit, ev: Evidence, ctx: Context) -> bool:
    """Whether the article's side of a conflict is the unit's own wording: the unit's text is taken
    from one reporting article, and that article says what the unit says, whichever side of the
    conflict it is on (a distortion lists its source first or second)."""
    said = " ".join(ctx.articles[ev.article_id].text[ev.start:ev.end].split())
    text = " ".join(unit.text.split())
    return bool(said) and (said in text or text.endswith(said) or text in said)


# ------------------------------------------------------------------------------ derived views


@dataclass(frozen=True)
class UnitRow:
    """One unit of the matrix with the articles per status."""

    unit: str
    text: str
    kind: str
    reports: tuple[str, ...]
    contradicts: tuple[str, ...]
    omits: tuple[str, ...]  # sure omissions: no sentence of the article even partly matches the unit
    sources: int  # independent sources among the reporting articles
    maybe: tuple[str, ...] = ()  # uncertain omissions: a sentence partly matches (shown on request)


def unit_kind(unit_id: str) -> str:
    parts = unit_id.split("-")
    return parts[1] if len(parts) >= 3 else "unit"


def family_map(article_ids: Iterable[str], derivations: Sequence[Derivation]) -> dict[str, str]:
    stubs = [Article(id=a, source="", text="", content_hash="") for a in dict.fromkeys(article_ids)]
    return families(stubs, derivations)


def unit_rows(coverage: Sequence[CoverageCell], derivations: Sequence[Derivation]) -> list[UnitRow]:
    order: list[str] = []
    texts: dict[str, str] = {}
    by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for c in coverage:
        if c.unit not in texts:
            order.append(c.unit)
            texts[c.unit] = c.unit_text
        by[c.unit]["maybe" if c.status == "omits" and c.uncertain else c.status].append(c.article_id)
    fam = family_map([c.article_id for c in coverage], derivations)
    rows = []
    for u in order:
        rep = tuple(dict.fromkeys(by[u]["reports"]))
        rows.append(
            UnitRow(
                u,
                texts[u],
                unit_kind(u),
                rep,
                tuple(dict.fromkeys(by[u]["contradicts"])),
                tuple(dict.fromkeys(by[u]["omits"])),
                len({fam.get(a, a) for a in rep}),
                tuple(dict.fromkeys(by[u]["maybe"])),
            )
        )
    return rows


def independent_sources(
    coverage: Sequence[CoverageCell], derivations: Sequence[Derivation]
) -> dict[str, int]:
    """Unit id -> number of independent sources reporting it."""
    return {r.unit: r.sources for r in unit_rows(coverage, derivations)}


def single_source_units(coverage: Sequence[CoverageCell], derivations: Sequence[Derivation]) -> list[UnitRow]:
    """Units that only one independent source carries (one article, or one family of copies)."""
    return [r for r in unit_rows(coverage, derivations) if r.sources == 1 and r.reports]


def single_outlet_units(coverage: Sequence[CoverageCell], derivations: Sequence[Derivation]) -> list[UnitRow]:
    """Units that exactly one article carries."""
    return [r for r in single_source_units(coverage, derivations) if len(r.reports) == 1]


def omissions(
    coverage: Sequence[CoverageCell], derivations: Sequence[Derivation], min_reports: int = 2,
    show_uncertain: bool = False,
) -> dict[str, list[UnitRow]]:
    """Article id -> the units it omits that at least `min_reports` other articles carry; uncertain
    omissions (a sentence partly matches the unit) only with `show_uncertain`."""
    out: dict[str, list[UnitRow]] = defaultdict(list)
    for r in unit_rows(coverage, derivations):
        if len(r.reports) < min_reports:
            continue
        for a in r.omits + (r.maybe if show_uncertain else ()):
            out[a].append(r)
    return dict(out)


def speaker_of(row: UnitRow) -> str | None:
    """The speaker's name of a statement unit (its text is "Name: content")."""
    if row.kind != "statement" or ": " not in row.text:
        return None
    return row.text.split(": ", 1)[0]


def silent_speakers(
    coverage: Sequence[CoverageCell], derivations: Sequence[Derivation]
) -> dict[str, list[tuple[str, int]]]:
    """Article id -> speakers none of whose statements (reported elsewhere) it carries, with how many
    statement units of theirs the other articles report."""
    rows = [r for r in unit_rows(coverage, derivations) if r.kind == "statement"]
    articles = list(dict.fromkeys(c.article_id for c in coverage))
    said: dict[str, set[str]] = defaultdict(set)
    total: Counter[str] = Counter()
    for r in rows:
        name = speaker_of(r)
        if not name:
            continue
        total[name] += 1
        said[name].update(r.reports)
    out: dict[str, list[tuple[str, int]]] = {}
    for a in articles:
        silent = [
            (n, total[n])
            for n in sorted(total, key=lambda n: (-total[n], n))
            if a not in said[n] and len(said[n]) >= 2
        ]
        if silent:
            out[a] = silent
    return out


@dataclass(frozen=True)
class Blindspot:
    """What one outlet left out of a story: units other outlets carry that none of its articles does."""

    outlet: str
    article_ids: tuple[str, ...]
    units: tuple[tuple[UnitRow, int], ...]  # (unit, how many other outlets report it)
    uncertain: tuple[str, ...] = ()  # units left out only uncertainly (shown with `show_uncertain`)


def outlet_blindspots(
    coverage: Sequence[CoverageCell], outlet_of: dict[str, str], derivations: Sequence[Derivation],
    show_uncertain: bool = False,
) -> list[Blindspot]:
    """Per outlet (articles without one count as their own outlet), the units it left out that other
    outlets carry: reported by at least two other outlets (one when the story has only two outlets),
    neither reported nor contradicted by any of its articles; propositions are not units a reader
    looks for. Built on the cells, so on `omits` as the carrier search left it: an outlet whose article
    may carry the unit (an uncertain `omits`) has no sure blindspot there, so the unit is listed (in
    `uncertain`) only with `show_uncertain`. Most carried first."""
    articles = list(dict.fromkeys(c.article_id for c in coverage))
    outlet = {a: outlet_of.get(a) or a for a in articles}
    outlets = list(dict.fromkeys(outlet[a] for a in articles))
    rows = [r for r in unit_rows(coverage, derivations) if r.kind != "proposition"]
    need = min(2, len(outlets) - 1)
    out = []
    for name in outlets:
        mine = tuple(a for a in articles if outlet[a] == name)
        missed, unsure = [], []
        for r in rows:
            reporting = {outlet[a] for a in r.reports}
            if need < 1 or len(reporting) < need or name in reporting | {outlet[a] for a in r.contradicts}:
                continue
            if name in {outlet[a] for a in r.maybe}:
                if not show_uncertain:
                    continue
                unsure.append(r.unit)
            missed.append((r, len(reporting)))
        missed.sort(key=lambda m: -m[1])
        if missed:
            out.append(Blindspot(name, mine, tuple(missed), tuple(unsure)))
    return out
