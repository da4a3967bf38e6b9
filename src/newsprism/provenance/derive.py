"""Derivations: which article copied, rewrote or translated which, or both took the same wire story.

A pair of articles in one story is a derivation when enough of the shorter one's sentences align
closely with the other's (strong alignments, score >= STRONG_SCORE, over at least MIN_COVERAGE of its
sentences). Reports that merely cover the same event share a few similar sentences at most, and are
not derivations. Kind: `translation` (other language, or one text says it was machine-translated),
`copy` (mostly verbatim), else `rewrite`; `shared-source` when both credit the same wire and nothing
says which came first. Direction, when evidence allows: earlier publication date, the translated side
is the later one, a wire's own copy is the source, and the text that holds details the other lacks
(a rewrite condenses). Otherwise `directed=False`.

Redundant links are dropped (`prune`): when X is a copy of Y, X's links to third articles that Y also
has are echoes of Y's (the copy's relatives derive from the original); and a declared translation Z
in X's language that also derives from a text Y in another language, itself derived from X, came
through Y (a translation comes from another language: X -> Y -> Z, not X -> Z).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from newsprism.model import Alignment, Article, Derivation, Span
from newsprism.provenance.confidence import derivation_confidence, derivation_signals
from newsprism.provenance.evidence import derivation_evidence
from newsprism.stories.align import align_articles, is_cross_language, sentence_set
from newsprism.stories.cluster import date_ordinal

NAME = "newsprism.provenance.derive.v3"
# Calibrated on the seeds: the rewrite 000 and the Reuters copy 001 share 12 alignments >= 0.7 over
# 24 alignable sentences of 000 (0.5); the translated 002 shares 12 of 20 with 001 (0.6); the
# independent Xinhua 003 has none >= 0.7 with any seed, the Vietnamese 004 at most 1 of 19.
STRONG_SCORE = 0.70
MIN_COVERAGE = 0.30
MIN_STRONG = 3
COPY_VERBATIM_SHARE = 0.70  # share of verbatim alignments (and coverage) above which a pair is a copy
COPY_COVERAGE = 0.60
DETAIL_MARGIN = 0.15  # one side covers this much more of itself: it is the condensed (later) text

# Wire services and agencies whose stories outlets re-publish; canonical name -> spellings.
WIRES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Reuters", ("Reuters",)),
    ("Associated Press", ("Associated Press", "AP")),
    ("AFP", ("AFP", "Agence France-Presse", "Agence France Presse")),
    ("Xinhua", ("Xinhua",)),
    ("dpa", ("dpa", "Deutsche Presse-Agentur")),
    ("Bloomberg", ("Bloomberg",)),
    ("ANSA", ("ANSA",)),
    ("EFE", ("EFE",)),
    ("Kyodo", ("Kyodo",)),
    ("Yonhap", ("Yonhap",)),
    ("TASS", ("TASS",)),
    ("Interfax", ("Interfax",)),
    ("UPI", ("UPI", "United Press International")),
    ("PA Media", ("PA Media", "Press Association")),
)


@dataclass(frozen=True)
class PairEvidence:
    """What the alignments of one article pair say, before deciding kind and direction."""

    strong: tuple[Alignment, ...]
    coverage_a: float  # share of a's alignable sentences with a strong alignment
    coverage_b: float


def wires_named(article: Article) -> frozenset[str]:
    """Wire services an article credits (credits, dateline) or names as its source in the text."""
    return _wires_in(" ".join(article.credits) + " " + (article.dateline or ""), article.text)


# Per text, not per pair: derive_pair asks for both articles of every pair of a story, and a story of
# 100 reprints has ~5,000 pairs (searching the texts again was half the story stage in the 100k run).
@lru_cache(maxsize=4096)
def _wires_in(credited: str, text: str) -> frozenset[str]:
    return frozenset(canonical for canonical, in_credits, in_text in _WIRE_PATTERNS
                     if in_credits.search(credited) or in_text.search(text))


def _spelled(spellings: Sequence[str]) -> re.Pattern[str]:
    """Any of the spellings as a whole word; none matches nothing."""
    return re.compile("|".join(rf"\b{re.escape(s)}\b" for s in spellings) or r"(?!)")


# Per wire: any spelling in the credits or dateline; a spelling of three letters or more in the text
# (two-letter ones like "AP" are too often something else there). One search per wire and place,
# not one per spelling: derive_pair asks for every pair of a story's articles.
_WIRE_PATTERNS = tuple((canonical, _spelled(spellings), _spelled([s for s in spellings if len(s) > 2]))
                       for canonical, spellings in WIRES)


def _is_wire_outlet(article: Article, wire: str) -> bool:
    return bool(article.outlet) and wire.lower() in (article.outlet or "").lower()


def _alignments_for(
    a: Article, b: Article, given: Mapping[tuple[str, str], tuple[Alignment, ...]] | None
) -> tuple[Alignment, ...]:
    if given is not None:
        if (a.id, b.id) in given:
            return given[(a.id, b.id)]
        if (b.id, a.id) in given:
            return tuple(_swap(p) for p in given[(b.id, a.id)])
    return align_articles(a, b)


def _swap(pair: Alignment) -> Alignment:
    return Alignment(source=pair.target, target=pair.source, score=pair.score, kind=pair.kind)


def _pair_evidence(a: Article, b: Article, pairs: tuple[Alignment, ...]) -> PairEvidence:
    strong = tuple(p for p in pairs if p.score >= STRONG_SCORE)
    count_a, count_b = len(sentence_set(a).spans), len(sentence_set(b).spans)
    return PairEvidence(strong, len(strong) / max(count_a, 1), len(strong) / max(count_b, 1))


def _direction(a: Article, b: Article, evidence: PairEvidence, wire: str | None) -> int:
    """+1 when a is the source, -1 when b is, 0 when nothing says."""
    if wire:
        if _is_wire_outlet(a, wire) and not _is_wire_outlet(b, wire):
            return 1
        if _is_wire_outlet(b, wire) and not _is_wire_outlet(a, wire):
            return -1
    day_a, day_b = date_ordinal(a.published), date_ordinal(b.published)
    if day_a is not None and day_b is not None and day_a != day_b:
        return 1 if day_a < day_b else -1
    if a.translated != b.translated:
        return 1 if b.translated else -1
    # A rewrite condenses: the text whose sentences are mostly matched is the later one.
    if evidence.coverage_b - evidence.coverage_a >= DETAIL_MARGIN:
        return 1
    if evidence.coverage_a - evidence.coverage_b >= DETAIL_MARGIN:
        return -1
    return 0


def _kind(a: Article, b: Article, evidence: PairEvidence) -> str:
    if is_cross_language(a, b):
        return "translation"
    verbatim = sum(1 for p in evidence.strong if p.kind == "verbatim") / len(evidence.strong)
    if verbatim >= COPY_VERBATIM_SHARE and min(evidence.coverage_a, evidence.coverage_b) >= COPY_COVERAGE:
        return "copy"
    return "rewrite"


def derive_pair(a: Article, b: Article, pairs: tuple[Alignment, ...]) -> Derivation | None:
    """The derivation between two articles given their alignments (sources in a), or None; with the
    narrative evidence that decides it and its calibrated confidence."""
    found = _candidate(a, b, pairs)
    return None if found is None else with_confidence(found, a, b)


def with_confidence(derivation: Derivation, a: Article, b: Article) -> Derivation:
    """The derivation with its narrative evidence, confidence and `uncertain` mark (see confidence.py)."""
    source, target = (a, b) if derivation.target == b.id else (b, a)
    cross = is_cross_language(a, b)
    evidence = derivation_evidence(source, target, derivation.alignments, cross)
    wire = derivation.source_name is not None
    signals = derivation_signals(evidence, wire, cross, derivation.score)
    confidence, uncertain = derivation_confidence(signals)
    evidence = replace(evidence, summary=f"{kind_reason(derivation, a, b)}; {evidence.summary}")
    return replace(derivation, evidence=evidence, confidence=confidence, uncertain=uncertain)


def kind_reason(derivation: Derivation, a: Article, b: Article) -> str:
    """Why the derivation has its kind, in words (the rules of `_kind` and `derive_pair`)."""
    if derivation.kind == "translation":
        return "translation: the texts are in other languages" if a.language != b.language else (
            "translation: one text says it was machine-translated")
    if derivation.kind == "shared-source":
        return f"shared source: both credit {derivation.source_name} and nothing says which came first"
    strong = [p for p in derivation.alignments if p.score >= STRONG_SCORE]
    verbatim = sum(1 for p in strong if p.kind == "verbatim") / max(len(strong), 1)
    if derivation.kind == "copy":
        return f"copy: {verbatim:.0%} of the matched sentences verbatim" if a.text != b.text else "copy: the same text"
    return f"rewrite: {verbatim:.0%} of the matched sentences verbatim, the rest paraphrased"


def _candidate(a: Article, b: Article, pairs: tuple[Alignment, ...]) -> Derivation | None:
    """The derivation the alignments alone suggest (shared wording of any kind, quotes included)."""
    evidence = _pair_evidence(a, b, pairs)
    shorter = max(evidence.coverage_a, evidence.coverage_b)
    if a.text == b.text and a.text.strip():
        return identical_copy(a, b, evidence, pairs)
    if len(evidence.strong) < MIN_STRONG or shorter < MIN_COVERAGE:
        return None
    common = sorted(wires_named(a) & wires_named(b))
    wire = common[0] if common else None
    direction = _direction(a, b, evidence, wire)
    kind = _kind(a, b, evidence)
    score = round(min(1.0, shorter), 4)
    if direction == 0 and wire and kind == "rewrite":
        # Both tell the same wire story and nothing says who came first: they share the wire.
        return Derivation(
            source=None,
            source_name=wire,
            target=b.id,
            kind="shared-source",
            score=score,
            directed=False,
            alignments=pairs,
        )
    if direction < 0:
        return Derivation(
            source=b.id,
            source_name=wire,
            target=a.id,
            kind=kind,
            score=score,
            directed=True,
            alignments=tuple(_swap(p) for p in pairs),
        )
    return Derivation(
        source=a.id,
        source_name=wire,
        target=b.id,
        kind=kind,
        score=score,
        directed=direction > 0,
        alignments=pairs,
    )


def identical_copy(a: Article, b: Article, evidence: PairEvidence, pairs: tuple[Alignment, ...]) -> Derivation:
    """Two articles with one body (two outlets printing an agency story word for word) are a copy,
    however few sentences it has: a one-sentence flash aligns too few for MIN_STRONG."""
    common = sorted(wires_named(a) & wires_named(b))
    wire = common[0] if common else None
    direction = _direction(a, b, evidence, wire)
    source, target = (b, a) if direction < 0 else (a, b)
    aligned = tuple(_swap(p) for p in pairs) if direction < 0 else pairs
    return Derivation(source=source.id, source_name=wire, target=target.id, kind="copy", score=1.0,
                      directed=direction != 0, alignments=aligned)


def derive(
    articles: Sequence[Article], alignments: Mapping[tuple[str, str], tuple[Alignment, ...]] | None = None
) -> tuple[Derivation, ...]:
    """Derivations among the articles of one story; `alignments` by (a.id, b.id) if already computed."""
    ordered = sorted(articles, key=lambda article: article.id)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            derivation = derive_pair(a, b, _alignments_for(a, b, alignments))
            if derivation is not None:
                found.append(derivation)
    return prune(found, {article.id: article for article in ordered})


def _language(article: Article | None) -> str:
    return (article.language or "")[:2].lower() if article else ""


def prune(derivations: Sequence[Derivation], articles: Mapping[str, Article]) -> tuple[Derivation, ...]:
    """The derivations without the links a copy or a back-translation only echoes (see module doc)."""
    linked = {frozenset((d.source, d.target)) for d in derivations if d.source}
    copy_of = {d.target: d.source for d in derivations if d.kind == "copy" and d.directed and d.source}
    sources_of: dict[str, set[str]] = {}
    for d in derivations:
        if d.source and d.directed:
            sources_of.setdefault(d.target, set()).add(d.source)

    def echoes_copy(d: Derivation) -> bool:
        for end, other in ((d.source, d.target), (d.target, d.source)):
            original = copy_of.get(end or "")
            if original and other and original != other and frozenset((original, other)) in linked:
                return True
        return False

    def through_translation(d: Derivation) -> bool:
        target = articles.get(d.target)
        if not d.source or target is None or not target.translated:
            return False
        if _language(articles.get(d.source)) != _language(target) or not _language(target):
            return False
        return any(
            _language(articles.get(via)) not in ("", _language(target)) and frozenset((d.source, via)) in linked
            for via in sources_of.get(d.target, ())
        )

    kept = [d for d in derivations if d.kind == "copy" or not (echoes_copy(d) or through_translation(d))]
    return tuple(kept)


def span_text(articles: Mapping[str, Article], span: Span) -> str:
    return articles[span.article_id].text[span.start : span.end]
