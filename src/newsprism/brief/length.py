"""How long a brief is: the default, the lengths one may ask for, and whether a longer one would say
more. Kept apart from the summariser so that the web app can offer "more" without loading spaCy and
the encoders (tests/run/test_imports.py)."""

from __future__ import annotations

from collections.abc import Sequence

# Short by default: 25 words per report (three short reports: 75 words, the lead baseline's length),
# at most 150 words; a longer brief on request (`length`, `newsprism analyze --brief-length`).
WORDS_PER_REPORT = 24
DEFAULT_MAX_WORDS = 150
# The lengths one may ask for (`--brief-length`, the web page's `?brief_words=`): 20-2000 words.
MIN_LENGTH, MAX_LENGTH = 20, 2000
# A brief sentence's words (shorter ones are fragments, longer ones run-ons the reader skims).
MIN_WORDS, MAX_WORDS = 8, 60
MAX_SENTENCES = 40  # hard cap, reached only with a long requested length


def default_length(reports: int) -> int:
    """Short by default: WORDS_PER_REPORT words per report, at most DEFAULT_MAX_WORDS."""
    return min(DEFAULT_MAX_WORDS, WORDS_PER_REPORT * max(1, reports))


def longer_length(length: int) -> int | None:
    """The length the web page's "more" asks for after `length`: twice it, up to MAX_LENGTH (None there)."""
    return min(MAX_LENGTH, 2 * length) if length < MAX_LENGTH else None


def is_cut(texts: Sequence[str], length: int) -> bool:
    """Whether the word budget may have ended the brief of these sentences: when MAX_WORDS words (the
    longest candidate) were still free the picker had found nothing more, and a longer budget adds
    nothing; the sentence cap ends it at any length."""
    used = sum(len(t.split()) for t in texts)
    return bool(texts) and used > length - MAX_WORDS and len(texts) < MAX_SENTENCES
