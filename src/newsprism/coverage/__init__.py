"""Coverage (issue 7): what each article carries of a story, and how it frames it.

    build_coverage(articles, annotations, story) -> tuple[CoverageCell, ...]
    find_framing(articles, annotations, story) -> tuple[Framing, ...]

`units` groups what can be reported (events, statements, claims, propositions) across articles,
`matrix` builds the cells and the derived views (single-source units, omissions, independent-source
counts), `framing` finds headline claims against the consensus, unattributed assertions, editorial
language and judging attribution verbs. Offline and deterministic.
"""

from __future__ import annotations

from newsprism.coverage.framing import Framing, find_framing
from newsprism.coverage.matrix import (
    COVERAGE,
    build_coverage,
    independent_sources,
    omissions,
    silent_speakers,
    single_outlet_units,
    single_source_units,
    unit_rows,
)

__all__ = [
    "COVERAGE",
    "Framing",
    "build_coverage",
    "find_framing",
    "independent_sources",
    "omissions",
    "silent_speakers",
    "single_outlet_units",
    "single_source_units",
    "unit_rows",
]
