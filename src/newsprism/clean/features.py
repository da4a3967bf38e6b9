"""Text features of a block, as jusText uses them, minus link density (a dump has no links)."""

from __future__ import annotations

import re
from functools import lru_cache

import justext  # shipped with trafilatura; its stop lists cover 100 languages
import py3langid

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")

# ISO 639-1 -> jusText stop-list name for the languages the corpora hold.
_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "cs": "Czech", "fi": "Finnish",
    "tr": "Turkish", "vi": "Vietnamese", "id": "Indonesian", "ro": "Romanian", "hu": "Hungarian",
}


# Scripts written without spaces between words: stop-word density means nothing there.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})


@lru_cache(maxsize=32)
def load_stoplist(language: str) -> frozenset[str]:
    """The stop words of an ISO 639-1 language; English and German when it has no list."""
    name = _STOPLIST_NAMES.get(language)
    if name is None:
        return load_stoplist("en") | load_stoplist("de")
    return frozenset(word.lower() for word in justext.get_stoplist(name))


def has_stoplist(language: str) -> bool:
    return language in _STOPLIST_NAMES and language not in UNSPACED


def detect_language(text: str) -> str:
    """The dump's language, to choose a stop list (not reported: metadata/language.py does that)."""
    code, _ = py3langid.classify(text[:20000])
    return str(code)


def words_of(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def stopword_density(words: list[str], stoplist: frozenset[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for word in words if word in stoplist) / len(words)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def content_words(words: list[str], stoplist: frozenset[str]) -> set[str]:
    """Words that carry the topic: not stop words, at least four letters."""
    return {word for word in words if len(word) >= 4 and word not in stoplist}


def normalise(text: str) -> str:
    """A line's identity across pages: case, whitespace and digits ignored."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "0", text)).strip().lower()
