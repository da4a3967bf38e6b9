"""Coverage (issue 7): what each article carries of a story, and how it frames it.

    matrix.build_coverage(articles, annotations, story) -> tuple[CoverageCell, ...]
    framing.find_framing(articles, annotations, story) -> tuple[Framing, ...]

`units` groups what can be reported (events, statements, claims, propositions) across articles,
`matrix` builds the cells and the derived views (single-source units, omissions, independent-source
counts), `framing` finds headline claims against the consensus, unattributed assertions, editorial
language and judging attribution verbs. Offline and deterministic.

The package re-exports nothing: the report renderers read `matrix` without loading `framing`, which
needs the stance parser (spaCy).
"""
