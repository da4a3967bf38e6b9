"""What keeps a clause or a statement from being an event of its own date: a characterisation ("referred
to as the deadliest sniper"), an anaphoric date with nothing before it to refer to ("On the same day he
won"), and a coordinated verb with a date of its own ("ran in 2001 ... and declared ... in 2007")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import Annotation, Timex
from newsprism.timeline.mention_dates import date_range

# Verbs that, as a passive participle, say how someone is called or regarded, not what was said.
CHARACTERISING = frozenset({"refer", "describe", "see", "consider", "regard", "know", "call", "view",
                            "dub", "label", "brand", "hail", "deem"})
# An anaphor that needs a date the text gave before it ("the same day", "that same month").
SAME_ANAPHOR = re.compile(
    r"(?i)(?:on\s+)?(?:the|that)\s+same\s+(?:day|morning|afternoon|evening|night|week|month|year)")


def unanchored_same(timex: Timex, timexes: Sequence[Timex], skip_until: int) -> bool:
    """ "the same day" with no date of the text before it (outside the dateline): its day is unknown;
    the tagger's fallback to the report's date would date the clause by the report."""
    return bool(SAME_ANAPHOR.fullmatch(timex.text)) and not any(
        t.type == "DATE" and skip_until <= t.start < timex.start for t in timexes)


def characterises(cue) -> bool:
    """A passive cue of how someone is called or taken ("Kyle, referred to as the deadliest sniper, has
    been seen as an icon"): a state, not something said on the dispatch's day."""
    return cue.tag_ == "VBN" and cue.lemma_.lower() in CHARACTERISING


def drop_dated_conjuncts(sub: list, head, span, annotation: Annotation) -> list:
    """The clause without a coordinated verb that has a date of its own ("ran in 2001 for mayor and
    declared himself an independent in 2007": the run's clause ends before "and declared")."""
    own = {t.idx for t in span}
    dated = [(t.start, t.end) for t in annotation.timexes if t.type == "DATE" and t.start not in own]
    drop: set[int] = set()
    for conj in (c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        if any(a <= t.idx < b for t in conj.subtree for a, b in dated):
            drop |= {t.i for t in conj.subtree}
            drop |= {c.i for c in head.children if c.dep_ == "cc" and c.i < conj.i}
    return [t for t in sub if t.i not in drop]


def refines(day: str, host) -> bool:
    """Whether a statement's day falls inside the date its host clause already has ("In a July interview
    ..., he suggested ... today" in a December report: the report's day is not the July interview's)."""
    if host.date is None or host.precision is None:
        return True
    first, last = date_range(host.date, host.precision)
    return first.isoformat() <= day <= last.isoformat()
