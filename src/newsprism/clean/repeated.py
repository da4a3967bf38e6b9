"""Boilerplate that only shows as repetition: lines many articles of one outlet share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsprism.clean.cleaned import REPEATED, Cleaned
from newsprism.clean.features import normalise
from newsprism.model import Removed

# A line is the outlet's boilerplate when at least MIN_ARTICLES articles and MIN_SHARE of them
# carry it. Three articles keep a quote that two reports of one story share from counting; half of
# an outlet's articles is far above what any story sentence reaches across stories.
MIN_ARTICLES = 3
MIN_SHARE = 0.5


def common_lines(texts: Iterable[str], min_articles: int = MIN_ARTICLES,
                 min_share: float = MIN_SHARE) -> frozenset[str]:
    """Normalised lines (case, whitespace, digits ignored) repeated across many of the texts."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        counts.update({normalise(line) for line in text.splitlines() if line.strip()})
    floor = max(min_articles, min_share * total)
    return frozenset(line for line, n in counts.items() if n >= floor)


def strip_lines(cleaned: Cleaned, lines: frozenset[str], reason: str = REPEATED) -> Cleaned:
    """`cleaned` without the kept lines whose normalised form is in `lines`, recorded as removed.

    Raw offsets come from `cleaned.kept_spans`; a cleaner that did not record them gets (-1, -1).
    """
    kept: list[str] = []
    spans: list[tuple[int, int]] = []
    moved: list[tuple[int, Removed]] = []  # (index of the next kept line, removed)
    offset = 0
    for i, line in enumerate(cleaned.text.split("\n") if cleaned.text else []):
        span = cleaned.kept_spans[i] if i < len(cleaned.kept_spans) else (-1, -1)
        if normalise(line) in lines:
            moved.append((len(kept), Removed(line, reason, span[0], span[1], offset)))
            continue
        offset += len(line) + 1
        kept.append(line)
        spans.append(span)
    if not moved:
        return cleaned
    text = "\n".join(kept)
    removed = shift_removed(cleaned, [r for _, r in moved], text)
    return Cleaned(text, removed, cleaned.translated, cleaned.title,
                   tuple(spans) if cleaned.kept_spans else ())


def shift_removed(cleaned: Cleaned, new: list[Removed], text: str) -> tuple[Removed, ...]:
    """Old and new removed segments in input order, old `at` moved back past the dropped lines."""
    starts, lengths = [], []
    offset = 0
    for line in cleaned.text.split("\n"):
        starts.append(offset)
        lengths.append(len(line) + 1)
        offset += len(line) + 1
    gone = {n.text for n in new}
    dropped = [(start, size) for start, size, line in zip(starts, lengths, cleaned.text.split("\n"),
                                                          strict=True) if line in gone]
    old = [Removed(r.text, r.reason, r.raw_start, r.raw_end,
                   min(len(text), r.at - sum(size for start, size in dropped if start < r.at)))
           for r in cleaned.removed]
    return tuple(sorted(old + new, key=lambda r: (r.raw_start, r.at)))
