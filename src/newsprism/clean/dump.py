"""Clean a raw text dump (a scraper's or a browser's "save as text") down to the article body.

Plan, after trafilatura/jusText but on text alone (no markup, no link density):
1. cut the dump into paragraphs (blocks), joining lines a browser wrapped;
2. class every block good/near-good/short/bad by length and stop-word density, revised by context;
3. mark boilerplate by what it says (chrome labels, promos, widgets, footers, credits, notices) and
   the related-articles and comments sections by their headings;
4. the body runs from the first to the last good block, moved past a repeated headline and onto a
   dateline, and widened by adjacent sentences; the header and trailer around it are classified.
Every block ends up kept or removed with a reason, so removed + kept cover the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.clean import boilerplate, quality, related
from newsprism.clean.blocks import Block, split_blocks
from newsprism.clean.cleaned import (
    BYLINE,
    COMMENTS,
    DATE_OUTLET,
    HEADLINE,
    RELATED,
    SEO_BLURB,
    SITE_CHROME,
    TRANSLATION,
    Cleaned,
)
from newsprism.clean.features import (
    content_words,
    detect_language,
    ends_sentence,
    has_stoplist,
    load_stoplist,
    normalise,
    stopword_density,
    words_of,
)
from newsprism.metadata.body import find_dateline, read_byline
from newsprism.metadata.dates import find_date
from newsprism.model import Removed

DUMP_CLEANER = "newsprism.clean.dump.v1"

# Header lines are short: a date/outlet line over this length is prose that mentions a date.
DATE_LINE_MAX_CHARS = 100
# A headline has 3-30 words (the seeds' run 7-13; "International" is a section label).
TITLE_WORDS = (3, 30)
# A sentence-like block next to the body joins it: at least this many words (seed 004's opening
# paragraph has 16; "Sign up for updates here." is caught earlier as a promo).
SENTENCE_MIN_WORDS = 6
# The dateline rule looks this many good blocks into the body for a "CITY, date (Agency) -" start.
DATELINE_LOOKAHEAD = 3


@dataclass(frozen=True)
class Info:
    """What the classifier knows about one block."""

    block: Block
    words: tuple[str, ...]
    density: float
    pattern: str | None  # boilerplate reason by content
    heading: str | None  # RELATED / COMMENTS when the block opens such a section
    base: str  # jusText class before context


@dataclass(frozen=True)
class Verdict:
    keep: bool
    reason: str | None = None


def describe_block(block: Block, stoplist: frozenset[str], proxy: bool) -> Info:
    """Features of a block; with `proxy` (no stop list for the language) a block that ends a
    sentence counts as dense in stop words, so that its length alone decides, as in jusText."""
    words = tuple(words_of(block.text))
    if proxy:
        density = quality.STOPWORDS_HIGH if ends_sentence(block.text) else 0.0
    else:
        density = stopword_density(list(words), stoplist)
    return Info(block, words, density, boilerplate.match_boilerplate(block.text),
                related.heading_kind(block.text), quality.classify_quality(len(block.text), density))


def is_title_like(info: Info) -> bool:
    text = info.block.text
    low, high = TITLE_WORDS
    return (low <= len(info.words) <= high and len(text) <= 200 and not text.endswith(".")
            and info.pattern is None and (text[0].isupper() or text[0].isdigit() or not text[0].isalnum()))


def is_sentence_like(info: Info) -> bool:
    return (len(info.words) >= SENTENCE_MIN_WORDS and ends_sentence(info.block.text)
            and info.pattern is None and info.heading is None)


def is_date_line(info: Info) -> bool:
    match = find_date(info.block.text)
    return (match is not None and not match.value.startswith("--")
            and len(info.block.text) <= DATE_LINE_MAX_CHARS)


def is_byline_line(info: Info) -> bool:
    """"By Jane Doe", or a bare name followed by date furniture ("Hoang Bach DNUM_X 09:55")."""
    text = info.block.text
    if boilerplate.is_byline(text):
        return True
    name = read_byline(text)
    rest = text[len(name):] if name else ""
    return name is not None and len(text) <= 60 and any(ch.isdigit() for ch in rest)


def mark_sections(infos: Sequence[Info], classes: Sequence[str], stoplist: frozenset[str]) -> dict[int, str]:
    """Block index -> RELATED/COMMENTS for the blocks of such sections after the story began."""
    marked: dict[int, str] = {}
    story: set[str] = set()
    kind: str | None = None
    for i, info in enumerate(infos):
        words = content_words(list(info.words), stoplist)
        if info.heading and story:
            kind = info.heading
        elif kind == RELATED and classes[i] == quality.GOOD and \
                related.topic_overlap(words, story) >= related.CONTINUATION_OVERLAP:
            kind = None
        if kind is not None:
            marked[i] = kind
        elif classes[i] == quality.GOOD and info.pattern is None:
            story |= words
    return marked


def is_body_candidate(i: int, infos: Sequence[Info], classes: Sequence[str],
                      sections: dict[int, str]) -> bool:
    return classes[i] == quality.GOOD and infos[i].pattern is None and i not in sections


def find_title_copies(infos: Sequence[Info], start: int) -> list[int]:
    """Indices of a title-like line that the header repeats (page title, og:title and h1)."""
    seen: dict[str, list[int]] = {}
    for i, info in enumerate(infos[: start + 6]):
        if is_title_like(info):
            seen.setdefault(normalise(info.block.text), []).append(i)
    repeated = [ids for ids in seen.values() if len(ids) > 1 and ids[0] < start]
    return min(repeated, key=lambda ids: ids[0]) if repeated else []


def find_dateline_start(infos: Sequence[Info], candidates: Sequence[int], start: int) -> int | None:
    """A block opening with a dateline among the first good blocks: the story starts there."""
    ahead = [i for i in candidates if i >= start][:DATELINE_LOOKAHEAD]
    return next((i for i in ahead if find_dateline(infos[i].block.text)), None)


def find_body(infos: Sequence[Info], classes: Sequence[str],
              sections: dict[int, str]) -> tuple[int, int, list[int]]:
    """(first, last) block of the body, and the header's headline copies."""
    candidates = [i for i in range(len(infos)) if is_body_candidate(i, infos, classes, sections)]
    if not candidates:
        candidates = [i for i, info in enumerate(infos) if is_sentence_like(info) and i not in sections]
    if not candidates:
        return len(infos), -1, []
    start, end = candidates[0], candidates[-1]
    copies = find_title_copies(infos, start)
    if copies:
        start = next((i for i in candidates if i > copies[-1]), start)
    dated = find_dateline_start(infos, candidates, start)
    if dated is not None:
        return dated, max(end, dated), copies
    floor = copies[-1] + 1 if copies else 0
    while start - 1 >= floor and is_sentence_like(infos[start - 1]) and not is_date_line(infos[start - 1]):
        start -= 1
    while end + 1 < len(infos) and end + 1 not in sections and is_sentence_like(infos[end + 1]):
        end += 1
    return start, end, copies


def pick_title(infos: Sequence[Info], start: int, copies: list[int]) -> int | None:
    """The headline: the repeated title, else the title-like header line nearest the body."""
    if copies:
        return copies[0]
    for i in range(start - 1, -1, -1):
        info = infos[i]
        if is_title_like(info) and not is_date_line(info) and not is_byline_line(info):
            return i
    return None


def judge_header(i: int, infos: Sequence[Info], start: int, title: int | None, copies: list[int]) -> Verdict:
    info = infos[i]
    text = info.block.text
    if is_date_line(info):
        return Verdict(False, DATE_OUTLET)
    if info.pattern is not None:
        return Verdict(False, info.pattern)
    if boilerplate.is_byline(text):
        return Verdict(False, BYLINE)
    if title is not None and i > title and is_byline_line(info):
        return Verdict(False, BYLINE)
    same = title is not None and normalise(text) == normalise(infos[title].block.text)
    if i == title or i in copies or same:
        return Verdict(False, HEADLINE)
    if boilerplate.is_seo_blurb(text) or (copies and copies[0] < i < copies[-1] and len(info.words) > 12):
        return Verdict(False, SEO_BLURB)
    if i == start - 1 and is_title_like(info):
        return Verdict(False, HEADLINE)
    return Verdict(False, SITE_CHROME)


def judge_body(i: int, infos: Sequence[Info], classes: Sequence[str], sections: dict[int, str]) -> Verdict:
    info = infos[i]
    if i in sections:
        return Verdict(False, info.pattern or sections[i])
    if info.pattern is not None:
        return Verdict(False, info.pattern)
    if classes[i] == quality.GOOD or is_sentence_like(info):
        return Verdict(True)
    texts = [x.block.text for x in infos]
    if is_title_like(info) and quality.heads_good(texts, classes, i):
        return Verdict(True)
    return Verdict(False, SITE_CHROME)


def judge_trailer(i: int, infos: Sequence[Info], end: int, sections: dict[int, str],
                  names: set[str]) -> Verdict:
    info = infos[i]
    if info.pattern is not None:
        return Verdict(False, info.pattern)
    if i in sections:
        if related.is_teaser_meta(info.block.text) or sections[i] == COMMENTS:
            return Verdict(False, sections[i])
        return Verdict(False, RELATED)
    name = read_byline(info.block.text)
    if name is not None and name == info.block.text.strip() and (i == end + 1 or name in names):
        return Verdict(False, BYLINE)
    return Verdict(False, SITE_CHROME)


def judge_blocks(infos: Sequence[Info], classes: Sequence[str],
                 sections: dict[int, str]) -> tuple[list[Verdict], int | None]:
    """A verdict for every block, and the index of the headline."""
    start, end, copies = find_body(infos, classes, sections)
    title = pick_title(infos, start, copies)
    verdicts = [judge_header(i, infos, start, title, copies) for i in range(min(start, len(infos)))]
    verdicts += [judge_body(i, infos, classes, sections) for i in range(start, end + 1)]
    names = {read_byline(infos[i].block.text) or "" for i, v in enumerate(verdicts) if v.reason == BYLINE}
    tail = range(max(end + 1, start), len(infos))
    verdicts += [judge_trailer(i, infos, end, sections, names) for i in tail]
    return verdicts, title


def assemble(blocks: Sequence[Block], verdicts: Sequence[Verdict], title: str | None) -> Cleaned:
    """The Cleaned value: kept blocks joined by newlines, removed ones placed where they stood."""
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    removed: list[Removed] = []
    offset = 0
    for block, verdict in zip(blocks, verdicts, strict=True):
        if verdict.keep:
            offset += len(block.text) + (1 if lines else 0)
            lines.append(block.text)
            spans.append((block.start, block.end))
        else:
            at = offset + 1 if lines else 0
            removed.append(Removed(block.text, verdict.reason or SITE_CHROME, block.start, block.end, at))
    text = "\n".join(lines)
    fixed = tuple(r if r.at <= len(text) else Removed(r.text, r.reason, r.raw_start, r.raw_end, len(text))
                  for r in removed)
    translated = any(r.reason == TRANSLATION for r in removed)
    return Cleaned(text, fixed, translated, title, tuple(spans))


def clean_dump(text: str) -> Cleaned:
    """The article body of a raw text dump, with every removed segment and its reason."""
    blocks = split_blocks(text)
    if not blocks:
        return Cleaned("", (), False, None)
    language = detect_language(text)
    stoplist = load_stoplist(language)
    infos = [describe_block(block, stoplist, not has_stoplist(language)) for block in blocks]
    classes = quality.revise_classes([info.base if info.pattern is None else quality.BAD for info in infos])
    sections = mark_sections(infos, classes, stoplist)
    verdicts, title = judge_blocks(infos, classes, sections)
    return assemble(blocks, verdicts, infos[title].block.text if title is not None else None)
