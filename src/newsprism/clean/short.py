"""Short articles: a news flash that is only its headline, a teaser cut off mid-sentence.

The dump cleaner looks for a page's body among its paragraphs. A text of a line or two has none: the
cleaner takes its one news line for the headline (a flash's body repeats it) or for site chrome and
keeps nothing, and the input was rejected (E112). `keep_short` gives such a text its lines back;
`is_truncated` says when what is left ends before its story does (`Article.partial`).
"""

from __future__ import annotations

import re

from newsprism.clean.cleaned import HEADLINE, SITE_CHROME, Cleaned
from newsprism.clean.features import words_of
from newsprism.model import Removed

# A page dump counts as short (a flash, a teaser saved as text) up to this many blocks; a longer one
# whose cleaning left nothing is a page without an article (a menu, an error page) and stays E112.
SHORT_MAX_BLOCKS = 5
# A kept line has at least this many words: "Breaking" or "Live" alone is no article.
SHORT_MIN_WORDS = 3

# A teaser's cut: "…", "...", "[…]", "[...]", "(…)", possibly followed by a closing quote.
_ELLIPSIS = re.compile(r"(…|\.\.\.|\[\s*(…|\.\.\.)\s*\]|\(\s*(…|\.\.\.)\s*\))[\"'”’»)\]]*\s*$")
# Punctuation no sentence or headline ends on: the text stops inside a sentence.
_JOINING = re.compile(r"[,;:(/&\-–—]\s*$")
# A sentence end followed by more words: the last line's final sentence has begun.
_INNER_END = re.compile(r"[.!?][\"'”’»)]*\s+\S")
# Ending on a letter or digit (not a stop, a quote, a bracket): "(With material from dpa)" is whole.
_WORD_END = re.compile(r"\w\s*$")


def keep_short(cleaned: Cleaned, extracted: bool, blocks: int) -> Cleaned:
    """`cleaned` with its news lines kept again when cleaning left no body.

    Kept again: what was removed as the headline (a flash: its body is its headline), and for text
    that came as text (`extracted`: a JSONL or feed body, the producer's own extraction, not a page)
    also what was removed as site chrome, which such a text has none of. Every removal with another
    reason (date line, byline, credit, promo) stands. A page dump of more than SHORT_MAX_BLOCKS blocks
    is not short: it is returned unchanged (empty)."""
    if cleaned.text.strip() or (not extracted and blocks > SHORT_MAX_BLOCKS):
        return cleaned
    restorable = {HEADLINE, SITE_CHROME} if extracted else {HEADLINE}
    kept = [r for r in cleaned.removed if r.reason in restorable and len(words_of(r.text)) >= SHORT_MIN_WORDS]
    if not kept:
        return cleaned
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    removed: list[Removed] = []
    offset = 0
    for item in cleaned.removed:
        if item in kept:
            offset += len(item.text) + (1 if lines else 0)
            lines.append(item.text)
            spans.append((item.raw_start, item.raw_end))
        else:
            removed.append(Removed(item.text, item.reason, item.raw_start, item.raw_end, offset + 1 if lines else 0))
    text = "\n".join(lines)
    fixed = tuple(r if r.at <= len(text) else Removed(r.text, r.reason, r.raw_start, r.raw_end, len(text))
                  for r in removed)
    return Cleaned(text, fixed, cleaned.translated, cleaned.title, tuple(spans))


def is_truncated(text: str, title: str | None = None) -> bool:
    """True when the text stops before its story does: it ends with an ellipsis ("…", "...", "[…]"),
    on a comma or a dash, or on a word inside the last line's second or later sentence. A line
    without any sentence end is a headline (a flash), not a cut: "Esther Williams, swimming star,
    dies at 91". Meant for text that came as text and short texts (see `prepare_dump`)."""
    body = text.rstrip()
    if not body:
        return False
    if _ELLIPSIS.search(body) or _JOINING.search(body):
        return True
    last = body.rsplit("\n", 1)[-1].strip()
    if title is not None and last == title.strip():
        return False
    return bool(_INNER_END.search(last)) and bool(_WORD_END.search(last))
