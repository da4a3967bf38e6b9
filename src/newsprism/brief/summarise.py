"""An extractive, neutral brief of one story: sentences copied exactly from the articles, cited.

How sentences are chosen (deterministic, offline):
1. Candidates are the articles' sentences in the story's main language, 8-60 words, that do not start
   with a pronoun or conjunction (they would not stand alone), are not questions, and carry no framing
   note (editorial words, unattributed assertions, judging verbs: the brief stays neutral).
2. Support of a sentence = its own article plus every article holding an equivalent sentence: aligned
   by a derivation, or in the same coverage unit and similar (USE cosine >= UNIT_SUPPORT), or very
   similar on its own (>= SUPPORT). Support is counted in independent sources (a family of
   copies/rewrites/translations counts once). A sentence only a derivative carries is never used.
3. First the lead: the opening sentence the reports share, saying what happened (brief/pick.py).
4. Then disagreements: for the strongest contradictions between two named speakers (story conflicts),
   one attributed sentence per side, marked `disputed`, when both fit the budget.
5. Then the most salient facts not yet said, each once, within the word budget (brief/pick.py):
   WORDS_PER_REPORT words per article, at most DEFAULT_MAX_WORDS, or the `length` asked for.
6. Output: the lead, then the rest in timeline order (the sentence's event or statement date, else
   the article's date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsprism.brief.length import MAX_WORDS, MIN_WORDS, default_length
from newsprism.brief.pick import Candidate, Picker, lead_candidate, neutral_variant, word_weights
from newsprism.coverage.framing import find_framing
from newsprism.coverage.units import PRONOUNS, Context, Sent, build_context, overlap
from newsprism.model import (
    Annotation,
    Article,
    BriefSentence,
    ConflictKind,
    CoverageCell,
    Span,
    Statement,
    StoryAnalysis,
)

BRIEF = "newsprism.brief.v2"

# USE cosine, calibrated on the seeds / examples: equivalent reports of one fact 0.62-0.85; a sentence
# and a different one about the same actors 0.45-0.6.
SUPPORT = 0.8
UNIT_SUPPORT = 0.55
NOT_STANDALONE = re.compile(
    r"^[\"“'‘]?(he|she|it|they|we|i|you|this|that|these|those|his|her|its|their|"
    r"but|and|or|so|also|however|meanwhile|instead|then|there|here|such)\b",
    re.I,
)


def write_brief(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    story: StoryAnalysis,
    coverage: Sequence[CoverageCell],
    *,
    length: int | None = None,
) -> tuple[BriefSentence, ...]:
    """The brief: what happened first, then the main claims and disputes, within `length` words
    (default: `default_length` of the story's article count)."""
    if not articles:
        return ()
    ctx = build_context(articles, annotations, story.derivations)
    framed_spans = [
        (f.article_id, f.start, f.end)
        for f in find_framing(articles, annotations, story)
        if f.field == "text"
    ]
    units = units_by_sentence(ctx, coverage)
    cands = {
        s.index: c for s in ctx.sents if (c := candidate(s, ctx, story, units, framed_spans)) is not None
    }
    budget = length or default_length(len(articles))
    weights = word_weights(ctx)
    picker = Picker(ctx, units, weights, budget)
    lead = lead_candidate(ctx, cands)
    if lead is not None:
        picker.take(neutral_variant(lead, ctx, cands), force=True)
    for side_a, side_b in disputes(ctx, story, cands):
        if picker.fits(side_a, side_b):
            picker.take(side_a, disputed=True)
            picker.take(side_b, disputed=True)
    while (c := picker.best(cands.values())) is not None:
        picker.take(neutral_variant(c, ctx, cands))
    first, rest = picker.chosen[:1], picker.chosen[1:]
    rest.sort(key=lambda x: (x[0].date, ctx.order.index(x[0].sent.article_id), x[0].sent.start))
    return tuple(brief_sentence(c, disputed, ctx) for c, disputed in first + rest)



def brief_sentence(c: Candidate, disputed: bool, ctx: Context) -> BriefSentence:
    ids = [a for a in ctx.order if a in c.support]
    return BriefSentence(
        text=c.sent.text, citations=tuple(ids), disputed=disputed, evidence=tuple(c.support[a] for a in ids)
    )


# --------------------------------------------------------------------------------- candidates


def units_by_sentence(ctx: Context, coverage: Sequence[CoverageCell]) -> dict[int, set[str]]:
    """Sentence index -> the statement and claim units whose reported span lies in it (events and
    propositions are too broad to say two sentences say the same)."""
    out: dict[int, set[str]] = {}
    for c in coverage:
        if c.status != "reports" or c.start is None or c.end is None:
            continue
        if not c.unit.startswith(("unit-statement-", "unit-claim-")):
            continue
        for s in ctx.near(c.article_id, c.start, c.end):
            if overlap(s.start, s.end, c.start, c.end):
                out.setdefault(s.index, set()).add(c.unit)
    return out


def candidate(
    s: Sent,
    ctx: Context,
    story: StoryAnalysis,
    units: dict[int, set[str]],
    framed: Sequence[tuple[str, int, int]],
) -> Candidate | None:
    art = ctx.articles[s.article_id]
    words = len(s.text.split())
    if (art.language or "en") != ctx.language or not MIN_WORDS <= words <= MAX_WORDS:
        return None
    if NOT_STANDALONE.match(s.text) or s.text.rstrip().endswith("?") or s.text.rstrip()[-1:] not in ".\"”'’":
        return None
    if any(a == s.article_id and overlap(s.start, s.end, x, y) for a, x, y in framed):
        return None
    s = without_dateline(s)
    c = Candidate(s)
    c.support = support_of(s, ctx, units)
    fams = {ctx.family.get(a, a) for a in c.support}
    c.sources = len(fams)
    if not (set(c.support) & ctx.roots) and c.sources < 2:
        return None  # only a derivative copy carries it
    inside = [
        st
        for st in ctx.statements
        if st.article_id == s.article_id and overlap(st.start, st.end, s.start, s.end)
    ]
    if inside and all((st.speaker_text or "").strip().lower() in PRONOUNS for st in inside):
        return None  # "..., he said": the speaker is named in another sentence
    c.statements = [st for st in inside if st.speaker]
    c.date, c.event = date_of(s, c.statements, story, art)
    position = sum(1 for x in ctx.by_article[s.article_id] if x.start < s.start)
    c.position = position
    c.score = (
        3.0 * c.sources
        + 0.5 * len(c.support)
        + (1.0 if position < 3 else 0.0)
        + (0.5 if c.statements else 0.0)
        + (1.5 if s.article_id in ctx.roots else 0.0)
        - (0.5 if words > 45 else 0.0)
    )
    return c


def support_of(s: Sent, ctx: Context, units: dict[int, set[str]]) -> dict[str, Span]:
    """Article id -> the span of its sentence that says the same (the sentence itself for its own):
    of its sentences aligned to `s`, similar enough, or sharing a unit and similar enough, the one
    with the best similarity (aligned ones first; the first of equals).

    Vectorised per article: the per-sentence loop was ~18% of a story worker's time in the 100k run
    (candidates x sentences per story, py-spy)."""
    out = {s.article_id: Span(s.article_id, s.start, s.end)}
    mine = units.get(s.index, set())
    sharing = {t for t, theirs in units.items() if mine & theirs} if mine else set()
    aligned = ctx.aligned.get(s.index, set())
    for aid in ctx.order:
        sents = ctx.by_article.get(aid, [])
        if aid == s.article_id or not sents:
            continue
        sims = ctx.sims_to(s.index, aid)
        rows = range(sents[0].index, sents[0].index + len(sents))
        bonus = np.array([1.0 if t in aligned else 0.0 for t in rows]) if aligned else np.zeros(len(rows))
        ok = (bonus > 0) | (sims >= SUPPORT)
        if sharing:
            ok |= np.array([t in sharing for t in rows]) & (sims >= UNIT_SUPPORT)
        score = np.where(ok, sims + bonus, -np.inf)
        best = int(np.argmax(score))
        if score[best] > 0.0:
            out[aid] = Span(aid, sents[best].start, sents[best].end)
    return out


def date_of(s: Sent, statements: Sequence[Statement], story: StoryAnalysis, art: Article) -> tuple[str, bool]:
    """(date for ordering, opens a timeline event?)."""
    dates: list[str] = []
    background: list[str] = []
    for entry in story.timeline:
        for ev in entry.evidence:
            if ev.article_id == s.article_id and overlap(ev.start, ev.end, s.start, s.end):
                (background if entry.background else dates).append(entry.date)
    dates += [st.said_on for st in statements if st.said_on]
    if dates or background:
        return min(dates or background), bool(dates)
    return (art.published or "9999")[:10], False


DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,?[^()\n]{0,30}\([A-Za-z .]+\)\s*(?:--|-|–|—)\s*")


def without_dateline(s: Sent) -> Sent:
    """The sentence without a leading dateline ("WASHINGTON, Feb. 12 (Xinhua) -- "): still exact text."""
    m = DATELINE.match(s.text)
    if not m:
        return s
    return Sent(s.index, s.article_id, s.start + m.end(), s.end, s.text[m.end() :])


# ------------------------------------------------------------------------------------ disputes


def disputes(
    ctx: Context, story: StoryAnalysis, cands: dict[int, Candidate]
) -> list[tuple[Candidate, Candidate]]:
    """For the strongest contradictions between named speakers, one attributed sentence per side."""
    by_id = {st.id: st for st in ctx.statements}
    found = []
    for c in story.conflicts:
        if c.kind != ConflictKind.CONTRADICTION or c.uncertain or len(c.speakers) < 2:
            continue  # an uncertain contradiction (below its calibrated threshold) is not stated as a dispute
        sides = []
        for sp in c.speakers[:2]:
            ids = [s for s in c.statements if s in by_id and by_id[s].speaker == sp]
            ids += [e.statement for e in c.evidence if e.speaker == sp and e.statement in by_id]
            best = best_side(ctx, [by_id[i] for i in dict.fromkeys(ids)], sp, cands)
            if best is None:
                break
            sides.append(best)
        if len(sides) == 2 and sides[0].sent.index != sides[1].sent.index:
            strength = sides[0].sources + sides[1].sources
            found.append((strength, c.confidence, c.id, sides[0], sides[1]))
    found.sort(key=lambda x: (-x[0], -x[1], x[2]))
    out: list[tuple[Candidate, Candidate]] = []
    used: set[int] = set()
    for _, _, _, a, b in found:
        pair = frozenset((a.sent.index, b.sent.index))
        if pair & used:
            continue
        used |= pair
        out.append((a, b) if a.date <= b.date else (b, a))
        if len(out) >= 2:
            break
    return out


def best_side(
    ctx: Context, stmts: Sequence[Statement], speaker: str, cands: dict[int, Candidate]
) -> Candidate | None:
    """The best supported candidate sentence attributing one of these statements (or an equivalent one
    of the same speaker) to the speaker."""
    if not stmts:
        return None
    vecs = ctx.statement_vectors(list(stmts))
    best, key = None, None
    for c in cands.values():
        mine = [st for st in c.statements if st.speaker == speaker]
        if not mine:
            continue
        same = any(st.id in {s.id for s in stmts} for st in mine)
        sim = float((ctx.statement_vectors(mine) @ vecs.T).max())
        if not same and sim < 0.6:
            continue
        k = (c.sources, same or sim >= 0.75, c.sent.article_id in ctx.roots, c.score)
        if key is None or k > key:
            best, key = c, k
    return best
