"""Framing notes per article: how the text presents what it reports, with spans. Never a bias score.

Kinds:
- `headline`: the headline states as settled a claim that other independent sources report the
  opposite of (the positions stage's claim analysis decides "same question, opposite polarity"), or a
  headline discrepancy the conflicts stage found;
- `unattributed`: news text that asserts without a source what is contested or unknowable to the
  writer: insider claims ("behind closed doors", "privately"), vague attribution ("is said to",
  "reportedly"), or a sentence stating as fact what other reports attribute to a named speaker;
- `editorial`: evaluative adjectives/adverbs in the outlet's own voice (outside quotes and outside
  attributed statements);
- `judging-verb`: attribution verbs that judge the statement ("admitted", "claimed", "backtracked",
  "insisted", "confirms") where a neutral report says "said".

`field` is "title" for notes on the headline (offsets into `Article.title`), else "text".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.conflicts.discrepancy import headline_claim
from newsprism.coverage.units import build_context, overlap
from newsprism.model import Annotation, Article, Framing, StoryAnalysis
from newsprism.positions.decide import compare_claims
from newsprism.positions.stance import claims_of
from newsprism.stories.embed import embed_cached

FRAMING = "newsprism.coverage.framing.v1"




# Attribution verbs that judge, by what they imply. Forms are matched as whole words.
JUDGING = {
    "concession": (
        "admit admits admitted admitting concede concedes conceded conceding confess confesses "
        "confessed confessing"
    ),
    "doubt": "claim claims claimed claiming allege alleges alleged alleging "
    "insist insists insisted insisting "
    "assert asserts asserted asserting",
    "reversal": "backtrack backtracks backtracked backtracking retract retracts retracted retracting "
    "row rows rowed rowing u-turn flip-flop flip-flopped",
    "certainty": "confirm confirms confirmed confirming reveal reveals revealed revealing",
    "manner": "boast boasts boasted boasting brag brags bragged slam slams slammed blast blasts blasted "
    "rant rants ranted",
}
JUDGING_NOTE = {
    "concession": "presents the statement as an admission; a neutral report would say “said”",
    "doubt": "casts the statement as contestable or stubborn; a neutral report would say “said”",
    "reversal": "characterises the statement as a reversal; the reader should compare the statements",
    "certainty": "presents what was said as established fact; a neutral report would say “said”",
    "manner": "characterises the speaker's manner; a neutral report would say “said”",
}
VERB_CLASS = {w: k for k, words in JUDGING.items() for w in words.split()}
# "row" only as "row(s) back"
PHRASAL = {"row", "rows", "rowed", "rowing"}
JUDGING_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, VERB_CLASS), key=len, reverse=True)) + r")\b", re.IGNORECASE
)

# Evaluative words in the outlet's voice; a curated list checked against the corpora (seeds, examples):
# loaded adjectives/adverbs that judge rather than describe.
EVALUATIVE = frozenset(
    """
surprising surprisingly shocking shockingly stunning stunningly astonishing dramatic dramatically
controversial embattled disastrous catastrophic humiliating humiliation heavy-handed reckless recklessly
illusionary illusory naive cheap full-throttle confidently defiantly defiant brazen brazenly
so-called notorious infamous outrageous absurd ridiculous laughable bizarre chaotic disgraceful shameful
clearly obviously undoubtedly unfortunately sadly alarmingly alarming worrying troubling damning
triumphant triumphantly cheering gleeful gleefully desperate desperately blunt bluntly harsh harshly
staggering unprecedented historic landmark bombshell explosive fiery furious angrily unrealistic
heavy blow crushing devastating
""".split()
)
PHRASES = (
    ("heavy blow", "editorial"),
    ("crushing blow", "editorial"),
    ("behind closed doors", "unattributed"),
    ("in private", "unattributed"),
    ("privately", "unattributed"),
    ("secretly", "unattributed"),
    ("is said to", "unattributed"),
    ("are said to", "unattributed"),
    ("reportedly", "unattributed"),
    ("is believed to", "unattributed"),
    ("it is understood", "unattributed"),
)
# Compiled once: voice_notes searches every sentence of every article for each phrase.
PHRASE_PATTERNS = tuple((re.compile(r"\b" + re.escape(phrase) + r"\b"), kind) for phrase, kind in PHRASES)
PHRASE_NOTE = {
    "editorial": "evaluative language in the outlet's own voice",
    "unattributed": "asserted without a named source",
}
QUOTED = re.compile(r"[\"“„«][^\"“”„«»]{1,600}[\"”»]|(?<!\w)['‘][^'‘’]{1,600}['’](?!\w)")
# A sentence stating as fact what another report attributes to a named speaker (USE cosine; the seeds'
# "Ukraine's accession to NATO is unrealistic ..." vs Hegseth's reported remark scores 0.55-0.6,
# unrelated sentences of the story < 0.45).
ATTRIBUTED_ELSEWHERE = 0.6


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def find_framing(
    articles: Sequence[Article], annotations: Sequence[Annotation], story: StoryAnalysis
) -> tuple[Framing, ...]:
    ctx = build_context(articles, annotations, story.derivations)
    notes: list[Framing] = []
    notes += headline_notes(articles, annotations, story, ctx)
    for article in articles:
        notes += judging_verbs(article, article.title or "", "title")
        cues = [
            (st.cue_start, st.cue_end)
            for st in ctx.statements
            if st.article_id == article.id and st.cue_start is not None and st.cue_end is not None
        ]
        notes += judging_verbs(article, article.text, "text", cues)
        notes += voice_notes(article, ctx)
    seen: set[tuple] = set()
    out = []
    for n in sorted(
        notes, key=lambda n: (ctx.order.index(n.article_id), n.field != "title", n.start, n.kind)
    ):
        key = (n.article_id, n.field, n.start, n.end, n.kind)
        if key not in seen:
            seen.add(key)
            out.append(n)
    return tuple(out)


# ------------------------------------------------------------------------------- judging verbs


def judging_verbs(
    article: Article, text: str, field: str, cues: Sequence[tuple[int, int]] = ()
) -> list[Framing]:
    """Judging verbs used to attribute: a statement's cue, a headline's verb, a reversal verb, or a verb
    followed by what was said ("that", a quote, a colon)."""
    quotes = quoted_ranges(text)
    out = []
    for m in JUDGING_RE.finditer(text):
        word = m.group(1).lower()
        if inside(quotes, m.start(), m.end()):
            continue
        if word in PHRASAL and not re.match(r"\s+back\b", text[m.end() : m.end() + 6]):
            continue
        end = m.end() + (5 if word in PHRASAL else 0)
        kind = VERB_CLASS[word]
        is_cue = any(a <= m.start() < b for a, b in cues)
        if not (
            field == "title" or is_cue or kind == "reversal" or attribution_context(text, m.start(), m.end())
        ):
            continue
        out.append(
            Framing(
                article.id,
                "judging-verb",
                m.start(),
                end,
                text[m.start() : end],
                f"“{text[m.start() : end]}” {JUDGING_NOTE[kind]}",
                field,
            )
        )
    return out


def attribution_context(text: str, start: int, end: int) -> bool:
    """The verb introduces what was said: followed by "that", a colon or a quotation mark."""
    return bool(re.match(r"\s*(that\b|:|[\"“'‘])", text[end : end + 12]))


# ------------------------------------------------------------------------------ voice (editorial)


def voice_notes(article: Article, ctx) -> list[Framing]:
    """Editorial words and unattributed assertions in sentences that carry no statement."""

    text = article.text
    quotes = quoted_ranges(text)
    stmts = [s for s in ctx.statements if s.article_id == article.id]
    out: list[Framing] = []
    named = [
        s for s in ctx.statements if s.article_id != article.id and s.speaker and len(s.text.split()) >= 6
    ]
    named_vecs = ctx.statement_vectors(named) if named else None
    for sent in ctx.by_article.get(article.id, ()):
        in_stmt = [s for s in stmts if overlap(s.start, s.end, sent.start, sent.end)]
        # statements whose content is in the sentence: the outlet's voice is outside them
        owned = [(s.start, s.end) for s in in_stmt] + quotes
        low = text[sent.start : sent.end].lower()
        for pattern, kind in PHRASE_PATTERNS:
            for m in pattern.finditer(low):
                a, b = sent.start + m.start(), sent.start + m.end()
                if inside(owned, a, b):
                    continue
                note = PHRASE_NOTE[kind]
                if kind == "unattributed":
                    note = f"“{text[a:b]}”: a claim asserted without a named source"
                    a, b = sent.start, sent.end
                out.append(Framing(article.id, kind, a, b, text[a:b], note))
        for m in re.finditer(r"[A-Za-z][A-Za-z-]+", text[sent.start : sent.end]):
            word = m.group(0).lower()
            if word not in EVALUATIVE or word in ("heavy", "blow"):
                continue
            a, b = sent.start + m.start(), sent.start + m.end()
            if inside(owned, a, b):
                continue
            out.append(
                Framing(
                    article.id,
                    "editorial",
                    a,
                    b,
                    text[a:b],
                    f"“{text[a:b]}”: evaluative word in the outlet's own voice, not attributed",
                )
            )
        if not in_stmt and named and not inside(quotes, sent.start, sent.end) and len(sent.text.split()) >= 6:
            fact_note = stated_as_fact(sent, named, named_vecs, ctx)
            if fact_note:
                out.append(Framing(article.id, "unattributed", sent.start, sent.end, sent.text, fact_note))
    return out


def stated_as_fact(sent, named, vecs, ctx) -> str | None:
    """A note when the sentence asserts, unattributed, what other reports attribute to a speaker."""
    if re.search(r"\b(said|says|told|according to|announced|stated|added)\b", sent.text):
        return None
    if not sent.text.rstrip().endswith((".", "!", "?", '"', "”")):  # a subheading, not an assertion
        return None
    if sent.index in ctx.aligned:  # the same sentence in the source: a copy, not this outlet's claim
        return None
    sims = vecs @ ctx.vectors[sent.index]
    best = int(sims.argmax())
    if float(sims[best]) < ATTRIBUTED_ELSEWHERE:
        return None
    st = named[best]
    art = ctx.articles[st.article_id]
    who = st.speaker_text or "a named speaker"
    return (
        f"stated as fact, while {art.outlet or 'another report'} attributes it to {who}: "
        f"“{' '.join(st.text.split())[:140]}”"
    )


# ----------------------------------------------------------------------------------- headlines


def headline_notes(
    articles: Sequence[Article], annotations: Sequence[Annotation], story: StoryAnalysis, ctx
) -> list[Framing]:
    out: list[Framing] = []
    for c in story.conflicts:
        for ev in c.evidence:
            if ev.field == "title" and ev.article_id in ctx.articles:
                title = ctx.articles[ev.article_id].title or ev.text
                out.append(
                    Framing(
                        ev.article_id,
                        "headline",
                        0,
                        len(title),
                        title,
                        "headline against the consensus: " + c.explanation,
                        "title",
                    )
                )
    flagged = {n.article_id for n in out}
    for article in articles:
        if article.id in flagged or not article.title:
            continue
        note = headline_against_consensus(article, ctx)
        if note:
            out.append(Framing(article.id, "headline", 0, len(article.title), article.title, note, "title"))
    return out


def related(
    title: str, texts: Sequence[tuple[str, str | None]], floor: float = 0.3
) -> list[tuple[str, str | None]]:
    """Only the texts about the headline's topic are worth a parse (USE cosine >= floor)."""

    if not texts:
        return []
    # Cached by text: this runs for every pair of articles, over the same statements each time.
    vecs = embed_cached([title] + [t for t, _ in texts])
    sims = vecs[1:] @ vecs[0]
    return [t for t, sim in zip(texts, sims, strict=True) if float(sim) >= floor]


def headline_against_consensus(article: Article, ctx) -> str | None:
    """The headline states a claim as settled and more independent sources report the opposite
    (in their headlines or in statements) than the same."""
    found = headline_claim(article.title or "")
    if found is None:
        return None
    claim, _ = found
    against: dict[str, str] = {}
    agree: set[str] = set()
    own = ctx.family.get(article.id)
    for other in ctx.articles.values():
        fam = ctx.family.get(other.id)
        if fam == own:
            continue
        texts: list[tuple[str, str | None]] = [(other.title, None)] if other.title else []
        texts += [(s.text, s.cue) for s in ctx.statements if s.article_id == other.id and s.speaker]
        texts = related(article.title or "", texts)
        for text, cue in texts:
            for c in claims_of(text, cue):
                d = compare_claims(claim, c)
                if d.label == "contradiction":
                    against.setdefault(
                        fam, f"{other.outlet or other.title}: “{' '.join(text.split())[:120]}”"
                    )
                elif d.label == "same" and c.assertive:
                    agree.add(fam)
    against = {f: v for f, v in against.items() if f not in agree} or against
    if len(against) < 1 or len(against) < len(agree - set(against)):
        return None
    examples = "; ".join(sorted(against.values())[:2])
    return (
        f"headline states as settled what {len(against)} other independent source(s) report "
        f"otherwise ({examples})"
    )
