"""Clean a raw text dump (a scraper's or a browser's "save as text") down to the article body.

Plan, after trafilatura/jusText but on text alone (no markup, no link density):
1. cut the dump into paragraphs (blocks), joining lines a browser wrapped;
2. class every block good/near-good/short/bad by length and stop-word density, revised by context;
3. mark boilerplate by what it says (chrome labels, promos, widgets, footers, credits, notices) and
   the related-articles and comments sections by their headings;
4. the body runs from the first to the last good block (or near-good sentence above the first: a
   standfirst, a short post), split into stretches where long runs of chrome interrupt it, moved
   past a repeated headline and onto a dateline, and widened by adjacent sentences; the header and
   trailer around it are classified.
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
    CREDIT,
    DATE_OUTLET,
    HEADLINE,
    RELATED,
    SEO_BLURB,
    SITE_CHROME,
    TRANSLATION,
    Cleaned,
)
from newsprism.clean.features import (
    UNSPACED_LENGTH,
    content_words,
    detect_language,
    ends_sentence,
    has_stoplist,
    normalise,
    page_stoplist,
    rule_chars,
    stopword_density,
    unspaced_chars,
    words_of,
)
from newsprism.metadata.body import find_dateline, read_byline
from newsprism.metadata.dates import find_date
from newsprism.model import Removed

DUMP_CLEANER = "newsprism.clean.dump.v3"

# Header lines are short: a date/outlet line over this length is prose that mentions a date.
DATE_LINE_MAX_CHARS = 100
# A headline has 3-30 words (the seeds' run 7-13; "International" is a section label).
TITLE_WORDS = (3, 30)
# A sentence-like block next to the body joins it: at least this many words (seed 004's opening
# paragraph has 16; "Sign up for updates here." is caught earlier as a promo).
SENTENCE_MIN_WORDS = 6
# The dateline rule looks this many good blocks into the body for a "CITY, date (Agency) -" start.
DATELINE_LOOKAHEAD = 3
# Body stretches: more than GAP_MAX_BLOCKS chrome lines between two good paragraphs split the page
# into stretches; those with at least STRETCH_SHARE of the largest one's text make the body.
# Calibrated on the webpages eval (w3m -cols 200): GAP_MAX_BLOCKS 8/15/25/40 and STRETCH_SHARE
# 0.1/0.3/0.5 traded kept `with` against dropped `without` snippets; 15 and 0.1 were best on both.
# v3 (near-good lead sentences as candidates) retuned: GAP 10/20/30 lost more than they gained;
# STRETCH_SHARE 0.03/0.05/0.07/0.1/0.2 kept 764/764/761/757/753 `with` snippets and dropped
# 763/766/766/769/769 `without` ones; 0.05 was best.
GAP_MAX_BLOCKS = 15
STRETCH_SHARE = 0.05
# The lead above the first body paragraph: sentences across at most LEAD_SKIP chrome lines in a row
# (webpages eval: 0, 1, 2 tried in v2; in v3 3/4/6 kept 3/4/9 more `with` snippets than 2 for 0/1/1
# more `without` ones left). The tail below the last: sentences across at most TAIL_SKIP plain short
# lines (1/2/4/6 tried: 1 kept 6 more `with` snippets than 0 for 2 more `without`; more kept none).
LEAD_SKIP = 6
TAIL_SKIP = 1
# Short lines between two body paragraphs stay (ingredients, spec tables, code, subheadings) when
# there are at most LIST_MAX_BLOCKS of them (3/6/10/15 tried: 15 kept 23 more `with` snippets on the
# webpages eval for 6 more `without` ones left; longer runs are menus and teaser lists).
LIST_MAX_BLOCKS = 15
# A comments heading directly followed (within this many blocks) by a long paragraph is a link in the
# story's share bar (1 and 3 tried on the webpages eval: 3 dropped kept comments, 1 did not).
COMMENT_LINK_GAP = 1


@dataclass(frozen=True)
class Info:
    """What the classifier knows about one block."""

    block: Block
    words: tuple[str, ...]
    density: float
    pattern: str | None  # boilerplate reason by content
    heading: str | None  # RELATED / COMMENTS when the block opens such a section
    base: str  # jusText class before context
    size: int  # words, counting two characters of an unspaced script (CJK, Thai) as one


@dataclass(frozen=True)
class Body:
    """Blocks start..end hold the body, but for the chrome `gaps` between its stretches; `lists`
    are short lines kept between its paragraphs; `copies` are the header's headline copies."""

    start: int
    end: int
    copies: list[int]
    gaps: set[int]
    lists: set[int]


@dataclass(frozen=True)
class Verdict:
    keep: bool
    reason: str | None = None


def describe_block(block: Block, stoplist: frozenset[str], proxy: bool) -> Info:
    """Features of a block; with `proxy` (no stop list for the language) a block that ends a
    sentence counts as dense in stop words, so that its length alone decides, as in jusText."""
    text = block.text
    words = tuple(words_of(text))
    if proxy:
        density = quality.STOPWORDS_HIGH if ends_sentence(text) else 0.0
    else:
        density = stopword_density(list(words), stoplist)
    unspaced = unspaced_chars(text)
    length = len(text) + (UNSPACED_LENGTH - 1) * unspaced - rule_chars(text)
    return Info(block, words, density, boilerplate.match_boilerplate(text), related.heading_kind(text),
                quality.classify_quality(length, density), len(words) + unspaced // 2)


def is_title_like(info: Info) -> bool:
    text = info.block.text
    low, high = TITLE_WORDS
    return (low <= len(info.words) <= high and len(text) <= 200 and not text.endswith(".")
            and info.pattern is None and (text[0].isupper() or text[0].isdigit() or not text[0].isalnum()))


def is_sentence_like(info: Info) -> bool:
    return (info.size >= SENTENCE_MIN_WORDS and ends_sentence(info.block.text)
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


def is_signature(info: Info) -> bool:
    """A line that is only a name: the author signing off under the story."""
    return read_byline(info.block.text) == info.block.text.strip()


def mark_sections(infos: Sequence[Info], classes: Sequence[str], stoplist: frozenset[str]) -> dict[int, str]:
    """Block index -> RELATED/COMMENTS for the blocks of such sections after the story began."""
    marked: dict[int, str] = {}
    story: set[str] = set()
    kind: str | None = None
    opened, signed = 0, False  # the open section's heading; a credit line closed the story
    for i, info in enumerate(infos):
        words = content_words(list(info.words), stoplist)
        signed = signed or (bool(story) and info.pattern == CREDIT)
        if info.heading and story:
            kind, opened = info.heading, i
        elif kind == RELATED and ((classes[i] == quality.GOOD and (
                related.topic_overlap(words, story) >= related.CONTINUATION_OVERLAP
                or (not signed and info.base == quality.GOOD and i - opened <= related.BOX_MAX_LINES + 1)))
                or ends_inline_box(i, info, opened, signed, words, story)):
            kind = None
        elif kind == COMMENTS and ends_comment_link(i, info, opened, signed):
            kind = None
        if kind is not None:
            marked[i] = kind
        elif classes[i] == quality.GOOD and info.pattern is None:
            story |= words
    return marked


def ends_comment_link(i: int, info: Info, opened: int, signed: bool) -> bool:
    """A "Comments" link in a share bar inside the story, not the comments: a long story paragraph
    follows it at once (a comment opens with its author's name and a date)."""
    return not signed and info.base == quality.GOOD and i - opened <= COMMENT_LINK_GAP


def ends_inline_box(i: int, info: Info, opened: int, signed: bool, words: set[str], story: set[str]) -> bool:
    """A short sentence on the story's topic right after an inline related box resumes the story
    (jusText calls a sentence under 70 characters short, so it is not GOOD by itself)."""
    return (not signed and i - opened <= related.BOX_MAX_LINES + 1 and is_sentence_like(info)
            and related.topic_overlap(words, story) >= related.CONTINUATION_OVERLAP / 2)


def is_body_candidate(i: int, infos: Sequence[Info], classes: Sequence[str],
                      sections: dict[int, str]) -> bool:
    return classes[i] == quality.GOOD and infos[i].pattern is None and i not in sections


def is_lead_candidate(info: Info) -> bool:
    return info.base == quality.NEARGOOD and is_sentence_like(info)


def find_title_copies(infos: Sequence[Info], start: int) -> list[int]:
    """Indices of a title-like line that the header repeats (page title, og:title and h1)."""
    seen: dict[str, list[int]] = {}
    for i, info in enumerate(infos[: start + 6]):
        if is_title_like(info):
            seen.setdefault(normalise(info.block.text), []).append(i)
    repeated = [ids for ids in seen.values() if len(ids) > 1 and ids[-1] < start]
    return min(repeated, key=lambda ids: ids[0]) if repeated else []


def find_dateline_start(infos: Sequence[Info], candidates: Sequence[int], start: int) -> int | None:
    """A block opening with a dateline among the first good blocks: the story starts there."""
    ahead = [i for i in candidates if i >= start][:DATELINE_LOOKAHEAD]
    return next((i for i in ahead if find_dateline(infos[i].block.text)), None)


def gap_breaks(infos: Sequence[Info], a: int, b: int) -> bool:
    """True when the blocks between body candidates a and b are a stretch of page chrome (a menu,
    a sidebar, a teaser list) rather than short lines of the story (a list, a heading, a caption)."""
    chrome = sum(1 for i in range(a + 1, b) if not is_sentence_like(infos[i]))
    return chrome > GAP_MAX_BLOCKS


def find_stretches(infos: Sequence[Info], candidates: Sequence[int]) -> list[list[int]]:
    """Body candidates grouped into stretches that chrome does not interrupt."""
    stretches = [[candidates[0]]]
    for a, b in zip(candidates, candidates[1:], strict=False):
        if gap_breaks(infos, a, b):
            stretches.append([])
        stretches[-1].append(b)
    return stretches


def choose_stretches(infos: Sequence[Info], candidates: Sequence[int]) -> tuple[list[int], set[int]]:
    """The candidates of the body's stretches, and the blocks of the gaps between them that broke."""
    stretches = find_stretches(infos, candidates)
    sizes = [sum(len(infos[i].block.text) for i in stretch) for stretch in stretches]
    main = max(sizes)
    chosen = [stretch for stretch, size in zip(stretches, sizes, strict=True) if size >= STRETCH_SHARE * main]
    gaps: set[int] = set()
    for left, right in zip(chosen, chosen[1:], strict=False):
        if right[0] - left[-1] > 1 and gap_breaks(infos, left[-1], right[0]):
            gaps.update(range(left[-1] + 1, right[0]))
    return [i for stretch in chosen for i in stretch], gaps


def find_list_runs(infos: Sequence[Info], candidates: Sequence[int], gaps: set[int]) -> set[int]:
    """Blocks of short runs between two body paragraphs (a list, a table, code, a subheading):
    at most LIST_MAX_BLOCKS lines, none of them boilerplate by content."""
    runs: set[int] = set()
    for a, b in zip(candidates, candidates[1:], strict=False):
        run = range(a + 1, b)
        if 0 < len(run) <= LIST_MAX_BLOCKS and not gaps.intersection(run) and \
                all(infos[i].pattern is None and infos[i].heading is None for i in run):
            runs.update(run)
    return runs


def extend_lead(infos: Sequence[Info], start: int, floor: int) -> int:
    """The body's start moved back onto lead sentences above it, across at most LEAD_SKIP lines of
    chrome (a caption, a share bar) in a row; a date line ends the header's search."""
    i, skipped = start - 1, 0
    while i >= floor and skipped <= LEAD_SKIP and not is_date_line(infos[i]):
        if is_sentence_like(infos[i]):
            start, skipped = i, 0
        else:
            skipped += 1
        i -= 1
    return start


def find_candidates(infos: Sequence[Info], classes: Sequence[str], sections: dict[int, str]) -> list[int]:
    """The blocks that may make the body: the good paragraphs, and the near-good sentences above the
    first of them but below the header's headline copies (a standfirst, a short post's text); else
    every sentence when no paragraph is good."""
    good = [i for i in range(len(infos)) if is_body_candidate(i, infos, classes, sections)]
    if not good:
        return [i for i, info in enumerate(infos) if is_sentence_like(info) and i not in sections]
    copies = find_title_copies(infos, good[0])
    floor = copies[-1] + 1 if copies else 0
    return [i for i in range(floor, good[0]) if is_lead_candidate(infos[i]) and i not in sections] + good


def find_body(infos: Sequence[Info], classes: Sequence[str],
              sections: dict[int, str]) -> Body:
    """Where the body runs, what interrupts it, and the header's headline copies."""
    candidates = find_candidates(infos, classes, sections)
    if not candidates:
        return Body(len(infos), -1, [], set(), set())
    candidates, gaps = choose_stretches(infos, candidates)
    lists = find_list_runs(infos, candidates, gaps)
    start, end = candidates[0], candidates[-1]
    copies = find_title_copies(infos, start)
    if copies:
        start = next((i for i in candidates if i > copies[-1]), start)
    end = extend_tail(infos, end, sections)
    dated = find_dateline_start(infos, candidates, start)
    if dated is not None:
        return Body(dated, max(end, dated), copies, gaps, lists)
    start = extend_lead(infos, start, copies[-1] + 1 if copies else 0)
    return Body(start, end, copies, gaps, lists)


def extend_tail(infos: Sequence[Info], end: int, sections: dict[int, str]) -> int:
    """The body's end moved onto sentences below it, also past an inline related box (a heading and
    at most BOX_MAX_LINES teasers) that a story sentence follows; the box itself stays a section."""
    i = end + 1
    while i < len(infos):
        if i in sections:
            resume = next((k for k in range(i, min(len(infos), i + related.BOX_MAX_LINES + 2))
                           if k not in sections), None)
            if resume is None or not is_sentence_like(infos[resume]):
                break
            i = resume
        if not is_sentence_like(infos[i]):
            nxt = next_sentence(infos, i, sections)
            if nxt is None:
                break
            i = nxt
        end, i = i, i + 1
    return end


def next_sentence(infos: Sequence[Info], i: int, sections: dict[int, str]) -> int | None:
    """The sentence-like block after at most TAIL_SKIP plain short lines from block i, if any; a
    boilerplate line, a section or a signature (a bare name) ends the search."""
    for k in range(i, min(len(infos), i + TAIL_SKIP + 1)):
        if k in sections or infos[k].pattern is not None or is_signature(infos[k]):
            return None
        if is_sentence_like(infos[k]):
            return k
    return None


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


def judge_body(i: int, infos: Sequence[Info], classes: Sequence[str], sections: dict[int, str],
               lists: set[int]) -> Verdict:
    info = infos[i]
    if i in lists and i not in sections:
        return Verdict(True)
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


def in_gap(i: int, infos: Sequence[Info], body: Body) -> bool:
    """True for a block of the chrome between the body's stretches; a sentence there is the story's
    (a remark between two code listings), since menus and teaser lists are not written in them."""
    return i in body.gaps and not is_sentence_like(infos[i])


def judge_blocks(infos: Sequence[Info], classes: Sequence[str],
                 sections: dict[int, str]) -> tuple[list[Verdict], int | None]:
    """A verdict for every block, and the index of the headline."""
    body = find_body(infos, classes, sections)
    start, end, copies = body.start, body.end, body.copies
    title = pick_title(infos, start, copies)
    verdicts = [judge_header(i, infos, start, title, copies) for i in range(min(start, len(infos)))]
    verdicts += [judge_trailer(i, infos, end, sections, set()) if in_gap(i, infos, body)
                 else judge_body(i, infos, classes, sections, body.lists) for i in range(start, end + 1)]
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
    stoplist = page_stoplist(language)
    infos = [describe_block(block, stoplist, not has_stoplist(language)) for block in blocks]
    classes = quality.revise_classes([info.base if info.pattern is None else quality.BAD for info in infos])
    sections = mark_sections(infos, classes, stoplist)
    verdicts, title = judge_blocks(infos, classes, sections)
    return assemble(blocks, verdicts, infos[title].block.text if title is not None else None)
