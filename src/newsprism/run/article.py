"""The per-article stages, declared: what each requires from and provides to one article.

Each version comes from the constant its module keeps (`DUMP_CLEANER = "newsprism.clean.dump.v3"`),
so bumping that constant changes the stage's cache key and, through the graph, the keys of every
stage downstream of it. The per-article work itself runs batched (spaCy parses a batch with
`nlp.pipe`; see `analysis.annotate_batch`); the annotation cache key is the graph's combined key.
"""

from __future__ import annotations

from newsprism.clean.dump import DUMP_CLEANER
from newsprism.clean.html import EXTRACTOR
from newsprism.metadata.language import METHOD as LANGUAGE_ID
from newsprism.nlp.spacy import NLP_PIPELINE
from newsprism.run.stage import Graph, Scope, Stage, check_graph, register, registered, version_of
from newsprism.statements import STATEMENTS
from newsprism.stories.embed import NAME as STORY_EMBEDDING
from newsprism.timeline.timex import TIMEX_TAGGER


def article_stage(name: str, label: str, requires: tuple[str, ...], provides: tuple[str, ...],
                  summary: str) -> Stage:
    return register(Stage(name, version_of(label), Scope.ARTICLE, requires, provides, summary))


CLEAN = article_stage("clean", DUMP_CLEANER, ("raw",), ("cleaned", "removed"),
                      "the article's text without site chrome, related links, notices (with reasons)")
HTML = article_stage("clean.html", EXTRACTOR, ("raw",), ("extracted",),
                     "the main text and metadata of an HTML page")
METADATA = article_stage("metadata", "newsprism.metadata.v1", ("raw", "cleaned", "extracted"),
                         ("title", "outlet", "published", "byline", "dateline", "credits"),
                         "title, outlet, date, byline, dateline and credits, each with where it came from")
LANGUAGE = article_stage("metadata.language", LANGUAGE_ID, ("cleaned", "extracted"), ("language",),
                         "the language of the cleaned text (py3langid)")
PARSE = article_stage("parse", NLP_PIPELINE, ("cleaned", "language"), ("doc",),
                      "spaCy parse, in cached units (sentences, tokens, entities)")
TIMEXES = article_stage("timexes", TIMEX_TAGGER, ("cleaned", "published", "dateline", "language"),
                        ("timexes",), "temporal expressions normalised against the publication date")
STATEMENTS_STAGE = article_stage("statements", STATEMENTS, ("doc", "timexes"),
                                 ("sentences", "mentions", "statements"),
                                 "direct and indirect statements with speaker, cue, date and spans")
EMBED = article_stage("stories.embed", STORY_EMBEDDING, ("title", "cleaned"), ("vector",),
                      "the headline-and-lead sentence vector the story clusterer reads")


def article_graph() -> Graph:
    """The checked graph of the registered per-article stages."""
    return check_graph(registered(Scope.ARTICLE), Scope.ARTICLE)
