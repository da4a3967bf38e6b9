"""Text features of a block, as jusText uses them, minus link density (a dump has no links)."""

from __future__ import annotations

import re
from functools import lru_cache

import justext  # shipped with trafilatura; its stop lists cover 100 languages

from newsprism.metadata.langid import classify_sample

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# A sentence may close a quote (German closes with “ and ‘, French and Swiss with « and ‹ too) and
# trail an image w3m drew as "[alt-text]" and invisible format characters.
_SENTENCE_END = re.compile(
    r"[.!?…:;。！？।॥][\"'”’“‘»«›‹)\]」』]*(\s?\[[^\]\s]{1,40}\])?[\u200b-\u200f\u2060-\u2064\ufeff]*$")
# Characters of scripts written without spaces (CJK, kana, Thai, Lao, Myanmar, Khmer): one carries
# about as much as a short word, so each counts as half a word and three characters of length
# (calibrated on the webpages corpus: Xinhua and banyuetan paragraphs of 40-80 characters are
# story text, as are English paragraphs of 120-240).
_UNSPACED_CHAR = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
UNSPACED_LENGTH = 3
_RULE_CHAR = re.compile(r"[\u2500-\u259f]")

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


@lru_cache(maxsize=32)
def page_stoplist(language: str) -> frozenset[str]:
    """The stop words a page's blocks are measured with: its language's and English's, since pages
    mix English text into other languages' chrome (on the webpages eval, adding English kept 4 more
    `with` snippets of English posts on German blogs and left 1 more `without` snippet)."""
    return load_stoplist(language) | load_stoplist("en")


def has_stoplist(language: str) -> bool:
    return language in _STOPLIST_NAMES and language not in UNSPACED


def detect_language(text: str) -> str:
    """The dump's language, to choose a stop list (not reported: metadata/language.py does that)."""
    # The one cached detector of the process (metadata/langid.py): the same model and the same
    # sample, so the metadata reader's call on this text is a cache hit, not a second classification.
    return classify_sample(language_sample(text))[0]


# The language is read off the longest lines, up to LANGUAGE_SAMPLE_CHARS: prose, not menus, and
# langid's cost grows with the text (20,000 characters took 9 ms a seed on a loaded machine, 1,500
# took 1.7; every seed and the webpages eval came out the same).
LANGUAGE_SAMPLE_CHARS = 1500


def language_sample(text: str) -> str:
    """The longest prose lines of `text`, together about LANGUAGE_SAMPLE_CHARS characters."""
    if len(text) <= LANGUAGE_SAMPLE_CHARS:
        return text
    lines = sorted((line.strip() for line in text.splitlines() if is_prose_start(line)), key=len, reverse=True)
    picked: list[str] = []
    size = 0
    for line in lines:
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
        picked.append(line)
        size += len(line) + 1
    return "\n".join(picked)


# w3m pads form fields ("[      ]") and draws rules ("━━━━") as the widest lines of a dump: with them
# in the sample, langid called five German and English pages of the webpages corpus Serbian.
_PROSE_OPENERS = frozenset("\"'„“‘«(¿¡")


def is_prose_start(line: str) -> bool:
    """True when the line opens with a word or a quote, not a rule, a field, a bullet or a blank."""
    first = line.lstrip()[:1]
    return first.isalnum() or first in _PROSE_OPENERS


def words_of(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def unspaced_chars(text: str) -> int:
    """How many characters of `text` belong to scripts written without spaces."""
    return len(_UNSPACED_CHAR.findall(text)) if not text.isascii() else 0


def rule_chars(text: str) -> int:
    """Box-drawing and block characters: w3m draws rules with them, and they are no text."""
    return len(_RULE_CHAR.findall(text)) if not text.isascii() else 0


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
