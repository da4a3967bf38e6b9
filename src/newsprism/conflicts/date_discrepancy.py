"""Date discrepancies: two reports give one event (the same speaker, similar content: cosine >=
`DISCREPANCY_SIM`) different explicit day dates. Reads the timeline stage's event table.

Not discrepancies: a page's own timestamp ("UPDATED: WEDNESDAY, MARCH 13, 2013, 2: 30 AM") is when
the page changed, not when an event happened; and two reports carrying the same sentence (token Dice
>= `SAME_SENTENCE`, e.g. one agency sentence in two papers) say the same thing, so dates that differ
come from anchoring a relative day to each paper's own publication date, not from the reports."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsprism import hashing
from newsprism.model import Conflict, ConflictKind, Evidence
from newsprism.run.state import StoryState, story_stage
from newsprism.timeline.events import DISCREPANCY_SIM, Cluster, EventTable, shorten
from newsprism.timeline.mentions import EventMention

SAME_SENTENCE = 0.8
PAGE_STAMP = re.compile(r"^\W*(?:updated|posted|published|last (?:updated|modified)|first published)\b",
                        re.IGNORECASE)


def is_page_stamp(text: str) -> bool:
    return bool(PAGE_STAMP.match(text))


def same_sentence(a: str, b: str) -> bool:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(ta and tb) and 2 * len(ta & tb) / (len(ta) + len(tb)) >= SAME_SENTENCE


def find_date_discrepancies(events: EventTable | None, story_id: str) -> tuple[Conflict, ...]:
    """One conflict per pair of events (and per pair of places in the texts) that two reports date
    differently: explicit day dates, the same speaker, similar content."""
    if events is None:
        return ()
    return tuple(date_discrepancies(events.clusters, events.mentions, events.vectors, events.names, events.texts,
                                    story_id))


def date_discrepancies(clusters: Sequence[Cluster], mentions: Sequence[EventMention],
                       vectors: dict[str, np.ndarray], names: dict[str, str], texts: dict[str, str],
                       story_id: str) -> list[Conflict]:
    out: list[Conflict] = []
    seen: set[tuple[str, ...]] = set()
    where = {id(m): i for i, c in enumerate(clusters) for m in c.mentions}
    dated = [(where.get(id(m), -1 - k), m) for k, m in enumerate(mentions)
             if m.strength == "explicit" and m.precision == "day"]
    for x in range(len(dated)):
        for y in range(x + 1, len(dated)):
            (ci, a), (cj, b) = dated[x], dated[y]
            if ci == cj or a.article_id == b.article_id or a.date == b.date:
                continue
            if (a.speaker or None) != (b.speaker or None):
                continue
            span_a, span_b = texts[a.article_id][a.start:a.end], texts[b.article_id][b.start:b.end]
            if is_page_stamp(span_a) or is_page_stamp(span_b) or same_sentence(span_a, span_b):
                continue
            sim = float(np.dot(vectors[a.text], vectors[b.text]))
            if sim < DISCREPANCY_SIM:
                continue
            if not a.speaker and not (set(a.participants) & set(b.participants) or lemma_overlap(a, b)) \
                    and sim < DISCREPANCY_SIM + 0.1:
                continue
            first, second = sorted((a, b), key=lambda m: m.date or "")  # dated: explicit day mentions
            side = {id(a): ci, id(b): cj}
            pair = tuple(sorted(str(side[id(m)]) if side[id(m)] >= 0 else f"{m.article_id}:{m.start}"
                                for m in (first, second)))  # one conflict per pair of events
            # and one per pair of places in the texts: a sentence read as a statement and as an event
            # starts at one offset with two dates; four conflicts for it were noise with one id (100k run)
            spots = tuple(sorted(f"{m.article_id}:{m.start}" for m in (first, second)))
            if pair in seen or spots in seen:
                continue
            seen.update((pair, spots))
            out.append(conflict_of(first, second, sim, names, texts, story_id))
    return out


def lemma_overlap(a: EventMention, b: EventMention) -> bool:
    return a.lemma == b.lemma or bool(a.noun and b.noun and a.noun.split()[-1] == b.noun.split()[-1])


def conflict_of(a: EventMention, b: EventMention, sim: float, names: dict[str, str], texts: dict[str, str],
                story_id: str) -> Conflict:
    def evidence(m: EventMention) -> Evidence:
        statement = m.statements[0].id if m.statements else None
        return Evidence(article_id=m.article_id, start=m.start, end=m.end, text=texts[m.article_id][m.start:m.end],
                        statement=statement,
                        speaker=m.speaker, date=m.date)

    who = names.get(a.speaker, a.speaker) if a.speaker else (a.speaker_text or "the reports")
    what = shorten(a.text, 14)
    expl = (f"Reports disagree on when this happened ({who}: “{what}”): one dates it {a.date}, "
            f"another {b.date}.")
    cid = "conflict-dis-" + hashing.sha256("\0".join((story_id, "discrepancy", "date", a.article_id,
                                                      str(a.start), b.article_id, str(b.start))))[:12]
    statements = tuple(dict.fromkeys(s.id for m in (a, b) for s in m.statements))
    speakers = tuple(s for s in dict.fromkeys((a.speaker, b.speaker)) if s)
    return Conflict(id=cid, kind=ConflictKind.DISCREPANCY, speakers=speakers,
                    statements=statements, articles=(a.article_id, b.article_id), explanation=expl,
                    confidence=round(min(0.9, 0.5 + (sim - DISCREPANCY_SIM) * 2), 2),
                    evidence=(evidence(a), evidence(b)))



@story_stage("conflicts.date_discrepancy", "newsprism.conflicts.date_discrepancy.v2", ("story", "events"),
             ("date_discrepancies",), "one event given different explicit dates by two reports")
def run_date_discrepancies(state: StoryState) -> tuple[Any, ...]:
    return (find_date_discrepancies(state.events, state.story.id),)
