"""Units of a story: what can be reported, grouped across articles.

A unit is one thing a reader could expect an article about the story to carry:

- `event`: a timeline entry (already grouped across articles by the timeline stage);
- `statement`: who said what — statements of one speaker with similar content, grouped across articles
  (aligned sentences of a derivation count as the same statement whatever their wording);
- `claim`: a sentence of the news text that holds no statement, grouped with the aligned or clearly
  equivalent sentences of the other articles (this is where an outlet's own assertions show up);
- `proposition`: a question-level claim of the positions stage, reported by an article when the
  article carries one of the statements behind a position on it.

Each unit keeps one span per reporting article (the first, in text order). Unit ids are stable:
`unit-<kind>-` + a hash of the kind and the sorted member spans' identities (or the proposition /
timeline content), so re-running on the same articles gives the same ids.

Everything here is deterministic and offline: USE sentence vectors (`newsprism.stories.embed`) and the
derivations' sentence alignments.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from newsprism.model import Annotation, Article, Derivation, Span, Statement, StoryAnalysis
from newsprism.stories.embed import DIM, embed_cached, split_sentences

# Calibrated on the seeds and examples/corpus (USE v3 cosine of two sentences):
# independent reports of the same fact in different words score 0.62-0.80 ("Hegseth ruled out ..."
# vs "Hegseth told allies ... NATO membership ... not part of a solution" = 0.66), neighbouring but
# different sentences of one story 0.45-0.60. Same-speaker statements are grouped above STATEMENT_SIM
# (the speaker already narrows the candidates); claims, with no speaker, only above CLAIM_SIM and as
# mutual best matches.
STATEMENT_SIM = 0.62
STATEMENT_SIM_LOW = 0.52  # enough when the two statements' sentences are also similar (>= STATEMENT_SIM)
CLAIM_SIM = 0.74
# An alignment of a derivation pairs two sentences when it covers at least this share of one of them.
ALIGN_COVER = 0.5
MIN_CLAIM_WORDS = 6

PRONOUNS = frozenset(
    "he she it they we i you this that these those who which there his her its their "
    "one someone some people".split()
)


@dataclass(frozen=True)
class Sent:
    """One sentence of one article (the unit of comparison)."""

    index: int
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Unit:
    id: str
    kind: str  # event | statement | claim | proposition
    text: str
    spans: dict[str, Span] = field(default_factory=dict)  # article id -> first reporting span
    speaker: str | None = None  # entity id (statements)
    speaker_name: str | None = None
    date: str | None = None
    statements: tuple[str, ...] = ()
    checkable: bool = True  # a proposition unit's proposition is checkable (Proposition.checkable)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(self.spans)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return sorted(out.values(), key=lambda g: g[0])


def unit_id(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join((kind, *parts)).encode("utf-8")).hexdigest()[:12]
    return f"unit-{kind}-{digest}"


# ------------------------------------------------------------------------------- sentences


def sentences_of(articles: Sequence[Article], annotations: Sequence[Annotation]) -> list[Sent]:
    """Every sentence of every article (annotation sentences; the light splitter when there are none)."""

    by_id = {a.article_id: a for a in annotations}
    out: list[Sent] = []
    for article in articles:
        ann = by_id.get(article.id)
        spans = (
            [(s.start, s.end) for s in ann.sentences]
            if ann and ann.sentences
            else split_sentences(article.text)
        )
        for start, end in spans:
            start, end = trim(article.text, start, end)
            if end > start:
                out.append(Sent(len(out), article.id, start, end, article.text[start:end]))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def sentence_at(
    sents_by_article: dict[str, list[Sent]], article_id: str, start: int, end: int
) -> Sent | None:
    """The sentence holding most of the span [start, end)."""
    best, size = None, 0
    for s in sents_by_article.get(article_id, ()):
        o = overlap(s.start, s.end, start, end)
        if o > size:
            best, size = s, o
    return best


def sentences_in(
    sents_by_article: dict[str, list[Sent]], article_id: str, start: int, end: int, cover: float = ALIGN_COVER,
    bounds: dict[str, tuple[list[int], list[int]]] | None = None,
) -> list[Sent]:
    """Sentences of which the span covers at least `cover` (or which cover the span). `bounds`
    (`sentence_bounds`) narrows the scan to the sentences that overlap the span."""
    sents = sents_by_article.get(article_id, [])
    if bounds is not None and article_id in bounds:
        starts, ends = bounds[article_id]
        sents = sents[bisect_right(ends, start):bisect_left(starts, end)]
    out = []
    for s in sents:
        o = overlap(s.start, s.end, start, end)
        if o and (o >= cover * (s.end - s.start) or o >= cover * (end - start)):
            out.append(s)
    return out


@dataclass
class Context:
    """What the coverage, framing and brief stages share for one story."""

    articles: dict[str, Article]
    order: list[str]
    sents: list[Sent]
    by_article: dict[str, list[Sent]]
    vectors: np.ndarray
    aligned: dict[int, set[int]]  # sentence index -> aligned sentence indexes (derivations)
    statements: list[Statement]
    family: dict[str, str]  # article id -> independent-source family key
    roots: set[str]  # articles that are no derivation's target
    language: str

    stmt_vecs: dict[str, np.ndarray] = field(default_factory=dict)
    bounds: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)  # `sentence_bounds`

    def near(self, article_id: str, start: int, end: int) -> list[Sent]:
        """The article's sentences, narrowed (when `bounds` knows the article) to those overlapping
        [start, end): callers still test the overlap, this only skips sentences that cannot pass."""
        sents = self.by_article.get(article_id, [])
        if article_id in self.bounds:
            starts, ends = self.bounds[article_id]
            return sents[bisect_right(ends, start):bisect_left(starts, end)]
        return sents

    def sim(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])

    def sims_to(self, i: int, article_id: str) -> np.ndarray:
        """`sim(i, t.index)` for each sentence t of the article, in its order, in one product, as
        float64 (the values `sim` gives; thresholds compare in float64). An article's sentences are
        consecutive rows: `sentences_of` numbers them article by article."""
        sents = self.by_article.get(article_id, [])
        if not sents:
            return np.zeros(0)
        first = sents[0].index
        return (self.vectors[first:first + len(sents)] @ self.vectors[i]).astype(np.float64)

    def statement_vectors(self, stmts: Sequence[Statement]) -> np.ndarray:
        """USE vectors of statement contents, computed once per story."""

        missing = [s for s in self.statements if s.id not in self.stmt_vecs]
        if missing:
            for st, v in zip(missing, embed_cached([s.content for s in missing]), strict=True):
                self.stmt_vecs[st.id] = v
        if not stmts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([self.stmt_vecs[s.id] for s in stmts])


def sentence_bounds(sents_by_article: dict[str, list[Sent]]) -> dict[str, tuple[list[int], list[int]]]:
    """(starts, ends) of each article whose sentences are in text order without overlaps (as the
    parser and the splitter give them): there the sentences overlapping a span are one bisected
    window, so aligning a story's sentences is not every alignment against every sentence."""
    out = {}
    for article_id, sents in sents_by_article.items():
        if all(s.start < s.end for s in sents) and all(a.end <= b.start for a, b in pairwise(sents)):
            out[article_id] = ([s.start for s in sents], [s.end for s in sents])
    return out


# The coverage, framing and brief stages of one story share one context (the sentence vectors are the
# expensive part); keyed by the story's articles (ids are content hashes) and its derivations.
_CACHE: dict[tuple, Context] = {}
CACHE_SIZE = 4


def build_context(
    articles: Sequence[Article], annotations: Sequence[Annotation], derivations: Sequence[Derivation]
) -> Context:
    key = (
        tuple(a.id for a in articles),
        tuple(derivations),
        tuple((n.article_id, n.sentences, n.statements) for n in annotations),
    )
    if key not in _CACHE:
        while len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = make_context(articles, annotations, derivations)
    return _CACHE[key]


def make_context(
    articles: Sequence[Article], annotations: Sequence[Annotation], derivations: Sequence[Derivation]
) -> Context:
    sents = sentences_of(articles, annotations)
    by_article: dict[str, list[Sent]] = defaultdict(list)
    for s in sents:
        by_article[s.article_id].append(s)
    # The shared text-keyed cache: alignment has encoded most of these sentences already, and the
    # copies and rewrites of a story repeat them.
    vectors = embed_cached([s.text for s in sents])
    aligned: dict[int, set[int]] = defaultdict(set)
    bounds = sentence_bounds(by_article)
    for d in derivations:
        for al in d.alignments:
            left = sentences_in(by_article, al.source.article_id, al.source.start, al.source.end, bounds=bounds)
            right = sentences_in(by_article, al.target.article_id, al.target.start, al.target.end, bounds=bounds)
            for x in left:
                for y in right:
                    aligned[x.index].add(y.index)
                    aligned[y.index].add(x.index)
    ids = {a.id for a in articles}
    statements = [st for ann in annotations if ann.article_id in ids for st in ann.statements]
    langs = [a.language or "en" for a in articles]
    language = max(sorted(set(langs)), key=langs.count) if langs else "en"
    return Context(
        articles={a.id: a for a in articles},
        order=[a.id for a in articles],
        sents=sents,
        by_article=dict(by_article),
        vectors=vectors,
        aligned=dict(aligned),
        statements=statements,
        family=families(articles, derivations),
        roots=roots(articles, derivations),
        language=language,
        bounds=bounds,
    )


def families(articles: Sequence[Article], derivations: Sequence[Derivation]) -> dict[str, str]:
    """Article id -> family key: copies, rewrites and translations of one original (in the corpus or a
    named shared source such as a wire) form one family, i.e. one independent source."""
    keys = [a.id for a in articles]
    extra = sorted({f"ext:{d.source_name or 'unknown'}" for d in derivations if d.source is None})
    keys += extra
    index = {k: i for i, k in enumerate(keys)}
    uf = UnionFind(len(keys))
    for d in derivations:
        src = d.source if d.source is not None else f"ext:{d.source_name or 'unknown'}"
        if src in index and d.target in index:
            uf.union(index[src], index[d.target])
    return {a.id: keys[uf.find(index[a.id])] for a in articles}


def roots(articles: Sequence[Article], derivations: Sequence[Derivation]) -> set[str]:
    targets = {d.target for d in derivations if d.directed and d.kind != "shared-source"}
    return {a.id for a in articles} - targets


def independent_count(article_ids: Sequence[str], family: dict[str, str]) -> int:
    return len({family.get(a, a) for a in article_ids})


# ------------------------------------------------------------------------------------ units


def speaker_key(st: Statement) -> str | None:
    """Who a statement is grouped by: the entity, else the speaker's words (None when not a speaker)."""
    if st.speaker:
        return st.speaker
    words = (st.speaker_text or "").strip()
    if not words or not words[0].isupper() or words.lower() in PRONOUNS:
        return None
    return "text:" + re.sub(r"\W+", " ", words.lower()).strip()


def usable_statements(statements: Sequence[Statement]) -> list[Statement]:
    """Statements with a speaker, the outer one of nested statements of the same speaker."""
    out: list[Statement] = []
    for st in sorted(statements, key=lambda s: (s.article_id, s.start, -s.end)):
        if speaker_key(st) is None or len(st.text.split()) < 3:
            continue
        if (
            out
            and out[-1].article_id == st.article_id
            and out[-1].end >= st.end
            and speaker_key(out[-1]) == speaker_key(st)
        ):
            continue
        out.append(st)
    return out


def statement_units(ctx: Context, names: dict[str, str]) -> list[Unit]:
    stmts = usable_statements(ctx.statements)
    if not stmts:
        return []
    vecs = ctx.statement_vectors(stmts)
    home = [sentence_at(ctx.by_article, s.article_id, s.start, s.end) for s in stmts]
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, st in enumerate(stmts):
        by_speaker[speaker_key(st) or ""].append(i)
    uf = UnionFind(len(stmts))
    for members in by_speaker.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if stmts[i].article_id == stmts[j].article_id:
                    continue
                si, sj = home[i], home[j]
                aligned = si is not None and sj is not None and sj.index in ctx.aligned.get(si.index, ())
                sim = float(vecs[i] @ vecs[j])
                context = ctx.sim(si.index, sj.index) if si is not None and sj is not None else 0.0
                if aligned or sim >= STATEMENT_SIM or (sim >= STATEMENT_SIM_LOW and context >= STATEMENT_SIM):
                    uf.union(i, j)
    units = []
    for group in uf.groups():
        members = sorted(group, key=lambda i: (ctx.order.index(stmts[i].article_id), stmts[i].start))
        rep = representative([stmts[i] for i in members], ctx)
        key = speaker_key(rep) or ""
        name = names.get(rep.speaker or "", rep.speaker_text or "Unattributed")
        spans: dict[str, Span] = {}
        for i in members:
            st = stmts[i]
            spans.setdefault(st.article_id, Span(st.article_id, st.start, st.end))
        ident = sorted(f"{stmts[i].article_id}:{stmts[i].start}" for i in members)
        date = min((s.said_on for s in (stmts[i] for i in members) if s.said_on), default=None)
        units.append(
            Unit(
                unit_id("statement", key, *ident),
                "statement",
                f"{name}: {quote(rep)}",
                spans,
                rep.speaker,
                name,
                date,
                tuple(stmts[i].id for i in members),
            )
        )
    return units


def quote(st: Statement) -> str:
    text = " ".join(st.text.split())
    if st.direct and text[:1] not in "\"'“”‘’„«»":
        return f"“{text}”"
    return text


def representative(stmts: Sequence[Statement], ctx: Context) -> Statement:
    """The statement shown for a group: the majority language, an original article, direct, shortest."""

    def key(st: Statement) -> tuple:
        art = ctx.articles[st.article_id]
        return (
            (art.language or "en") != ctx.language,
            st.article_id not in ctx.roots,
            not st.direct,
            abs(len(st.text) - 120),
            ctx.order.index(st.article_id),
            st.start,
        )

    return min(stmts, key=key)


def event_units(ctx: Context, story: StoryAnalysis) -> list[Unit]:
    units = []
    for entry in story.timeline:
        spans = entry_spans(entry.text, entry.evidence, ctx)
        for aid in entry.article_ids:
            if aid not in spans and aid in ctx.articles:
                spans[aid] = Span(aid, 0, 0)  # reported, but the stage gave no span
        if not spans:
            continue
        spans = {a: spans[a] for a in ctx.order if a in spans}
        tag = " (background)" if entry.background else ""
        units.append(
            Unit(
                unit_id("event", entry.date, entry.text),
                "event",
                f"{entry.date}{tag}: {entry.text}",
                spans,
                date=entry.date,
                statements=entry.statement_ids,
            )
        )
    return units


def entry_spans(text: str, evidence: Sequence[Span], ctx: Context) -> dict[str, Span]:
    """Article id -> the evidence span of a timeline entry that tells the entry's own event: the one
    sharing most words with its description, the earliest on a tie. An entry may group several
    statements of one day (the seeds' Hegseth entry also holds Coale's), and the first span by offset
    was then another event's sentence, so a changed date of the event's own sentence never met it."""
    words = set(WORD.findall(text.lower()))
    best: dict[str, tuple[int, Span]] = {}
    for ev in sorted(evidence, key=lambda s: (s.article_id, s.start)):
        if ev.article_id not in ctx.articles:
            continue
        said = ctx.articles[ev.article_id].text[ev.start:ev.end].lower()
        shared = len(words & set(WORD.findall(said)))
        if ev.article_id not in best or shared > best[ev.article_id][0]:
            best[ev.article_id] = (shared, ev)
    return {aid: ev for aid, (_, ev) in best.items()}


def claim_units(ctx: Context, taken: set[int]) -> list[Unit]:
    """Sentences without a statement, grouped by alignment and mutual best similarity."""
    covered = set()
    for st in usable_statements(ctx.statements):  # statements without a speaker make no statement unit
        for s in ctx.near(st.article_id, st.start, st.end):
            if overlap(s.start, s.end, st.start, st.end):
                covered.add(s.index)
    cands = [
        s
        for s in ctx.sents
        if s.index not in covered
        and s.index not in taken
        and len(s.text.split()) >= MIN_CLAIM_WORDS
        and not is_dateline(s.text)
    ]
    if not cands:
        return []
    pos = {s.index: k for k, s in enumerate(cands)}
    uf = UnionFind(len(cands))
    for s in cands:
        for t in ctx.aligned.get(s.index, ()):
            if t in pos:
                uf.union(pos[s.index], pos[t])
    by_article: dict[str, list[Sent]] = defaultdict(list)
    for s in cands:
        by_article[s.article_id].append(s)
    arts = [a for a in ctx.order if a in by_article]
    for x, a in enumerate(arts):
        for b in arts[x + 1 :]:
            A, B = by_article[a], by_article[b]
            m = ctx.vectors[[s.index for s in A]] @ ctx.vectors[[s.index for s in B]].T
            for i in range(len(A)):
                j = int(np.argmax(m[i]))
                if m[i, j] >= CLAIM_SIM and int(np.argmax(m[:, j])) == i:
                    uf.union(pos[A[i].index], pos[B[j].index])
    units = []
    for group in uf.groups():
        members = sorted((cands[k] for k in group), key=lambda s: (ctx.order.index(s.article_id), s.start))
        rep = min(
            members,
            key=lambda s: (
                (ctx.articles[s.article_id].language or "en") != ctx.language,
                s.article_id not in ctx.roots,
                ctx.order.index(s.article_id),
                s.start,
            ),
        )
        spans: dict[str, Span] = {}
        for s in members:
            spans.setdefault(s.article_id, Span(s.article_id, s.start, s.end))
        ident = sorted(f"{s.article_id}:{s.start}" for s in members)
        units.append(Unit(unit_id("claim", *ident), "claim", " ".join(rep.text.split()), spans))
    return units


WORD = re.compile(r"\w+")
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(?:,|\()[^.]*\)\s*(?:-|–|—|--)?\s*$")


def is_dateline(text: str) -> bool:
    return bool(DATELINE.match(text.strip())) or len(text.split()) < 3


def proposition_units(ctx: Context, story: StoryAnalysis) -> list[Unit]:
    """Propositions that several speakers or articles take a position on."""
    by_id = {st.id: st for st in ctx.statements}
    out = []
    for prop in story.propositions:
        stmts = [
            by_id[s] for p in story.positions if p.proposition == prop.id for s in p.statements if s in by_id
        ]
        speakers = {p.speaker for p in story.positions if p.proposition == prop.id}
        articles = {st.article_id for st in stmts}
        if len(speakers) < 2 and len(articles) < 2:
            continue
        spans: dict[str, Span] = {}
        for st in sorted(stmts, key=lambda s: (ctx.order.index(s.article_id), s.start)):
            spans.setdefault(st.article_id, Span(st.article_id, st.start, st.end))
        out.append(
            Unit(
                unit_id("proposition", prop.id),
                "proposition",
                prop.text,
                spans,
                statements=tuple(dict.fromkeys(st.id for st in stmts)),
                checkable=prop.checkable,
            )
        )
    return out


def build_units(ctx: Context, story: StoryAnalysis, names: dict[str, str]) -> list[Unit]:
    statements = statement_units(ctx, names)
    events = event_units(ctx, story)
    claims = claim_units(ctx, set())
    props = proposition_units(ctx, story)
    return [*props, *events, *statements, *claims]
