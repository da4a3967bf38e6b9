"""The one data model of newsprism: frozen dataclasses (and the enums their fields take), nothing else.

Every derived fact is a span of character offsets into `Article.text` (the cleaned body) together
with the article id, so that a reader can check it against its evidence. Stages pass these values,
never dicts with string keys. Serialisation lives in `newsprism.serialize`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Hints:
    """Metadata an input format states explicitly (JSONL fields, feed entries, WARC headers).

    Hints win over what metadata extraction reads from the text, because the input said so.
    """

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One news item as a reader found it, before cleaning.

    `source` is the input path or URL, with `#N` appended for the Nth item (1-based) of a file that
    holds several (JSONL lines, feed entries, WARC records). Exactly one of `text` / `html` is set.
    """

    source: str
    external_id: str | None = None
    text: str | None = None
    html: str | None = None
    hints: Hints = field(default_factory=Hints)
    # The body is the producer's own extraction (a JSONL or Parquet `text`, a feed entry's body, HTML
    # or not), not a page: cleaning may trim it but does not drop a short one (`clean.short`).
    extracted: bool = False


@dataclass(frozen=True)
class Rejected:
    """An input (or one item of it) that could not become an article, and why."""

    source: str
    reason: str
    code: str = "E000"
    duplicate_of: str | None = None  # E116: the id of the article this input repeats in every field


# ------------------------------------------------------------------------------------ articles


@dataclass(frozen=True)
class Removed:
    """A segment that cleaning removed from the input, with the reason.

    `raw_start`/`raw_end` are offsets into the reader's text (the dump, or the text rendered from
    HTML); `at` is the offset in the cleaned `Article.text` where the segment stood, so a viewer can
    show it greyed in place.
    """

    text: str
    reason: str
    raw_start: int
    raw_end: int
    at: int


@dataclass(frozen=True)
class FieldSource:
    """Where one metadata field came from: the method and the raw text it was read from."""

    field: str
    method: str
    evidence: str


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str
    content_hash: str
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as precise as the input states
    language: str | None = None  # ISO 639-1
    byline: str | None = None
    dateline: str | None = None  # as written, e.g. "MUNICH, Feb 13 (Reuters)"
    credits: tuple[str, ...] = ()
    translated: bool = False
    removed: tuple[Removed, ...] = ()
    field_sources: tuple[FieldSource, ...] = ()
    # The article's identity (`hashing.record_hash`: its record's fields and content); `content_hash`
    # is the content alone, which two articles may share. Empty for articles built without an input
    # record (tests, evals): the store then keys them by `content_hash`.
    record_hash: str = ""
    # The text stops before its story does (a teaser cut off mid-sentence or with "…"): `is_truncated`.
    partial: bool = False


# ----------------------------------------------------------------------------------------- nlp


@dataclass(frozen=True)
class Span:
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A reference to an entity in one article: a name, a title/description, or a pronoun."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | ...
    kind: str = "name"  # name | description | pronoun
    entity: str | None = None  # entity id once linked
    role: str | None = None  # title or role stated next to the name ("U.S. Defense Secretary")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """An attributed statement: who said what, with the content span and the cue."""

    id: str
    article_id: str
    speaker: str | None  # entity id, or None when unresolved
    speaker_text: str | None
    cue: str | None
    text: str  # == article.text[start:end]
    direct: bool
    start: int
    end: int
    said_on: str | None = None  # ISO date
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    # The content as annotators mark it: one span, or several when the attribution interrupts it
    # ('"A," he added, "B."', 'This campaign, he says, is different'). `start`/`end` cover them all.
    # Empty for statements built before parts existed: the content is then start..end.
    content_spans: tuple[Span, ...] = ()

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each content part, in text order."""
        if not self.content_spans:
            return ((self.start, self.end),)
        return tuple((s.start, s.end) for s in self.content_spans)

    @property
    def content(self) -> str:
        """What was said, the parts joined by a space: no "X said" cut into it. Claims, stances and
        embeddings read this; `text` stays the exact covering span for offsets and evidence."""
        return " ".join(self.text[s - self.start:e - self.start] for s, e in self.parts)


@dataclass(frozen=True)
class Timex:
    """A temporal expression, TIMEX3-style, normalised against `reference` (the article's date)."""

    article_id: str
    text: str
    value: str | None
    start: int
    end: int
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    reference: str | None = None


@dataclass(frozen=True)
class Annotation:
    """Everything the per-article stages derive from one article."""

    article_id: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    timexes: tuple[Timex, ...] = ()
    # The article's spaCy parse (`nlp.spacy.doc_to_text`), English only: the timeline reads its
    # dependency facts, and re-parsing every article there cost as much as the annotation itself.
    parse: str = ""


# --------------------------------------------------------------------------- cross-article


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Alignment:
    """Two sentences (one per article) that say the same thing: copy, paraphrase or translation."""

    source: Span
    target: Span
    score: float
    kind: str = "paraphrase"  # verbatim | paraphrase | translation


@dataclass(frozen=True)
class DerivationEvidence:
    """The target's own narrative text (outside quotes) that follows the source: what makes a derivation."""

    narrative_runs: int  # stretches of >= 8 narrative words the two texts share
    narrative_share: float  # share of the target's narrative words inside those stretches
    narrative_sentences: int  # strong alignments whose narrative (unquoted) parts match
    near_identical: int  # of those, near-identical narrative wording
    in_order: float  # share of the narrative-matched sentences in the source's order
    summary: str = ""  # the same in words, for a reader


@dataclass(frozen=True)
class Derivation:
    source: str | None  # article id, or None when the origin is not in the corpus
    source_name: str | None  # e.g. "Reuters" when the shared origin is a credited wire
    target: str
    kind: str  # copy | rewrite | translation | shared-source
    score: float
    directed: bool = True
    alignments: tuple[Alignment, ...] = ()
    evidence: DerivationEvidence | None = None  # what decided it (provenance/evidence.py)
    confidence: float | None = None  # calibrated P(genuine) (provenance/confidence.py)
    uncertain: bool = False  # below the calibrated 0.9-precision threshold: shown only on request


@dataclass(frozen=True)
class Proposition:
    id: str
    text: str
    story_id: str | None = None
    # the text reads as a claim a reader can check on its own (positions.checkable); when not, a
    # conflict about it is `uncertain` and its coverage row is shown only on request
    checkable: bool = True


@dataclass(frozen=True)
class Position:
    speaker: str
    proposition: str
    stance: str  # support | oppose | neutral
    date: str | None
    statements: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    """One side of a conflict: the span (or headline) a reader checks."""

    article_id: str
    start: int
    end: int
    text: str
    statement: str | None = None
    speaker: str | None = None
    date: str | None = None
    field: str = "text"  # text | title


class ConflictKind(enum.StrEnum):
    """What a conflict is; renderers dispatch on it. A `StrEnum`: a kind is its contract string in
    report.json and compares equal to it in templates. One module per kind in `newsprism.conflicts`."""

    CONTRADICTION = "contradiction"  # two speakers, opposite stances on one claim
    REVERSAL = "reversal"  # one speaker walks back an earlier statement
    DISCREPANCY = "discrepancy"  # reports disagree on a fact: a headline, a number, a date
    DISTORTION = "distortion"  # a derived article changed what its source said


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: ConflictKind
    speakers: tuple[str, ...]
    statements: tuple[str, ...]
    articles: tuple[str, ...]
    explanation: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    proposition: str | None = None
    # below its kind's calibrated threshold (conflicts.calibrate): kept, shown only on request
    uncertain: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    text: str
    article_ids: tuple[str, ...]
    statement_ids: tuple[str, ...] = ()
    background: bool = False
    participants: tuple[str, ...] = ()
    place: str | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class CoverageCell:
    unit: str
    unit_text: str
    article_id: str
    status: str  # reports | contradicts | omits
    start: int | None = None
    end: int | None = None
    # A `reports` cell found by the carrier search (coverage.carries): "paraphrase" | "words", and the
    # USE similarity of that sentence; None for cells on the unit's own spans.
    match: str | None = None
    similarity: float | None = None
    # False on every cell of a proposition unit whose proposition is not checkable (Proposition.checkable):
    # the row is shown only on request, like an uncertain conflict
    checkable: bool = True
    # An `omits` cell where a sentence of the article partly matches the unit (coverage.carries
    # `find_candidate`, below the carrier rules): start/end are that sentence, `similarity` its USE
    # cosine; the omission is not sure, so the views show it only on request (like uncertain conflicts).
    uncertain: bool = False


@dataclass(frozen=True)
class Framing:
    """How an article presents what it reports (never a bias score).

    kind: headline | unattributed | editorial | judging-verb. `field` is "title" for a note on the
    headline (offsets into `Article.title`), else "text".
    """

    article_id: str
    kind: str
    start: int
    end: int
    text: str
    note: str
    field: str = "text"


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[str, ...]
    disputed: bool = False
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class StoryAnalysis:
    """Everything the cross-article stages derive for one story."""

    story: Story
    derivations: tuple[Derivation, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    positions: tuple[Position, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    coverage: tuple[CoverageCell, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    framing: tuple[Framing, ...] = ()
    # (statement id, ISO date): dates the timeline gave statements whose own text left them undated
    said_on: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Analysis:
    """One run's result: what the report is built from."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...] = ()
    entities: tuple[Entity, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    stories: tuple[StoryAnalysis, ...] = ()
