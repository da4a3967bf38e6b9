"""jusText's paragraph classes for a dump: good, near-good, short, bad, then revised by context.

Thresholds are jusText's defaults (Pomikálek 2011), which were tuned on web news; without link
density the stop-word density carries the decision.
"""

from __future__ import annotations

from collections.abc import Sequence

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"

LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200


def classify_quality(length: int, density: float) -> str:
    """jusText's context-free class of a paragraph."""
    if length < LENGTH_LOW:
        return SHORT
    if density >= STOPWORDS_HIGH:
        return GOOD if length > LENGTH_HIGH else NEARGOOD
    return NEARGOOD if density >= STOPWORDS_LOW else BAD


def neighbour(classes: Sequence[str], i: int, step: int, skip_neargood: bool) -> str:
    """The class of the nearest paragraph in direction `step` that is not short (or near-good)."""
    j = i + step
    while 0 <= j < len(classes):
        if classes[j] == SHORT or (skip_neargood and classes[j] == NEARGOOD):
            j += step
            continue
        return classes[j]
    return BAD


def revise_short(classes: Sequence[str], i: int) -> str:
    """A short paragraph takes the class of its context (jusText's rules)."""
    before, after = neighbour(classes, i, -1, True), neighbour(classes, i, 1, True)
    if before == GOOD and after == GOOD:
        return GOOD
    if before == BAD and after == BAD:
        return BAD
    if before == BAD and neighbour(classes, i, -1, False) == NEARGOOD:
        return GOOD
    if after == BAD and neighbour(classes, i, 1, False) == NEARGOOD:
        return GOOD
    return BAD


def revise_classes(classes: Sequence[str]) -> list[str]:
    """Short and near-good paragraphs resolved to good or bad by their neighbours."""
    shorts = [revise_short(classes, i) if c == SHORT else c for i, c in enumerate(classes)]
    revised = list(shorts)
    for i, c in enumerate(shorts):
        if c == NEARGOOD:
            pair = (neighbour(shorts, i, -1, True), neighbour(shorts, i, 1, True))
            revised[i] = BAD if pair == (BAD, BAD) else GOOD
    return revised


def heads_good(texts: Sequence[str], classes: Sequence[str], i: int) -> bool:
    """True when a good paragraph follows block i within MAX_HEADING_DISTANCE characters."""
    distance = 0
    for j in range(i + 1, len(classes)):
        if classes[j] == GOOD:
            return True
        distance += len(texts[j])
        if distance > MAX_HEADING_DISTANCE:
            return False
    return False
