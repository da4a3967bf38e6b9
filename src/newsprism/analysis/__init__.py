"""Analysis after ingest: per-article annotation (`annotate`), story assignment and the per-story
stages (`stories`), and a run's analysis of a set of articles (`runs`). `analyze_articles` is what
`newsprism analyze` runs on the ingested ids."""

from newsprism.analysis.annotate import (
    ANNOTATION_STAGE,
    PARSE_BATCH,
    TEST_HOLD,
    annotate_articles,
    annotate_batch,
    annotate_guarded,
    warm_annotation,
)
from newsprism.analysis.runs import (
    analyze_articles,
    analyze_groups,
    annotate_and_cluster,
    stored_analysis,
    stored_report,
)
from newsprism.analysis.stories import (
    CLUSTER_STATE,
    STORY_STAGE,
    EntityIndex,
    analyze_stories,
    analyze_story,
    analyze_story_within,
    cached_story,
    settle_story,
)

__all__ = [
    "ANNOTATION_STAGE", "CLUSTER_STATE", "PARSE_BATCH", "STORY_STAGE", "TEST_HOLD", "EntityIndex",
    "analyze_articles", "analyze_groups", "analyze_stories", "analyze_story", "analyze_story_within",
    "annotate_and_cluster", "annotate_articles", "annotate_batch", "annotate_guarded", "cached_story",
    "settle_story", "stored_analysis", "stored_report", "warm_annotation",
]
