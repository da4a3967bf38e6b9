"""Cheap clause tense for the timex rules: which way a bare weekday, month or season points.

Regular expressions over a window around the expression, cut at the sentence or quotation boundary:
no parse is needed, so the tagger stays fast and runs on any text.
"""

from __future__ import annotations

import re

# A future marker in the same clause shortly before the expression (or right after it) makes a bare
# weekday or month point forward. Markers were chosen by reading the weekday errors on the TimeBank
# dev half: "until", a bare "planned" (past narrative: "On Friday, the government planned ...") and
# whole-sentence windows (quoted future clauses: "will appeal ..., Cuba predicted Wednesday") misled;
# "planned to"/"planned a" ("Protesters planned a large demonstration ... on Saturday") and "as early
# as" fixed dev errors without breaking any. Window sizes barely matter: left 40..140 x right 0..40
# chars moved dev value F1 by at most 0.002. The scheduling present ("Wyoming, which holds a caucus
# on Saturday", "the convention that opens July 18") and a modal of intent ("who can win the general
# election in November", "don't want to run against her in November") point forward too: read on the
# PolNeAR train dev set (eval/timeline_dev), where each put a coming day or month in the past. So
# did "prepares to" ("as Obama prepares to mark his first 100 days in office on Wednesday").
LEFT_CHARS = 70
RIGHT_CHARS = 25
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|going\s+to|plans?\s+to|scheduled|expected\s+to|due\s+to|set\s+to|is\s+to|"
    r"are\s+to|intends?\s+to|prepar(?:es?|ing)\s+to|upcoming|as\s+soon\s+as|as\s+early\s+as|planned\s+(?:to|a)|planning\s+(?:to|for)|"
    r"would\s+be\s+\w+ing|(?:holds|opens|begins|starts|kicks\s+off|is\s+slated|are\s+slated)\s+(?:an?\s+|the\s+|"
    r"its\s+|their\s+)?(?:\w+\s+)?(?:caucus|caucuses|primary|primaries|convention|debate|vote|election|"
    r"session|hearing|summit|meeting|on|in)|this\s+coming|slated)\b|[’']ll\b",
    re.I)
# A past verb in the clause: "was", "had", the -ed forms and the common irregular pasts of news.
_PAST = re.compile(
    r"(?<!\bbe\s)\b(?:was|were|had|did|didn't|wasn't|weren't|hadn't|been|said|told|won(?![’']t)|lost|met|came|went|took|made|"
    r"gave|began|ran|held|left|saw|became|spoke|wrote|got|brought|sent|fell|rose|led|paid|kept|set\s+out|"
    r"(?!(?:need|feed|speed|seed|proceed|exceed|succeed|indeed|hundred|red|bed|shed|"
    r"breed|united|un[a-z]+)\b)[a-z]{2,}ed)\b")
_PAST_BEFORE = re.compile(_PAST.pattern + r"\s+(?:on\s+)?$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`“])|\n|[,;:]\s*[`'\"“”]+|[`'\"“”]{2}")


def clause_window(text: str, start: int, end: int, reach: int = LEFT_CHARS) -> tuple[str, str]:
    """The clause text left and right of the expression, cut at sentence and quotation boundaries."""
    left = text[max(0, start - reach):start]
    cuts = list(_SENTENCE_END.finditer(left))
    if cuts:
        left = left[cuts[-1].end():]
    right = text[end:end + RIGHT_CHARS]
    cut = _SENTENCE_END.search(right)
    if cut:
        right = right[:cut.start()]
    return left, right


def guess_tense(text: str, start: int, end: int) -> str:
    """ "future" if the expression's clause reads as future, else "past" (the news default).

    A past verb right before the expression keeps it past whatever follows ("Wasserman Schultz
    announced Sunday she will resign": the announcement was last Sunday), unless a future marker
    precedes it ("as soon as trading opened Monday").
    """
    left, right = clause_window(text, start, end)
    if _FUTURE.search(left):
        return "future"
    if _PAST_BEFORE.search(left):
        return "past"
    return "future" if _FUTURE.search(right) else "past"


# An intention verb with its infinitive ("decided to admit Poland in early March"), "supposed to",
# "planned for" and "is expected" carry the clause forward: TimeBank dev errors of the past reading.
_FORWARD = re.compile(r"\b(?:(?:can|must|needs?\s+to|wants?\s+to|hopes?\s+to)\s+(?!be\b)[a-z]+|heading\s+into|"
                      r"to\s+be\s+[a-z]+ed|would\s+(?!have\b)[a-z]+|expects?\s+to\s+[a-z]+|(?:decided|agreed|voted|promised|pledged|vowed|planned|hoped|wanted|sought|aimed|"
                      r"offered|threatened|supposed)\s+to\s+[a-z]{3,}|planned\s+for|(?:is|are)\s+expected)\b")
_UNTIL = re.compile(r"\b(?:until|till|by)\s+(?:(?:early|late|mid|the)[- ]?\s*)?$", re.I)
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid|the)[- ]?\s*)?$", re.I)


def clause_tense(text: str, start: int, end: int) -> str:
    """ "future", "past" or "present" (no clue): the marker nearest the expression decides.

    "since March" is always past. A verb right of the expression counts only before a comma
    ("by May, invited ...", "In September, it announced plans to ...": another clause's verb).
    """
    left, right = clause_window(text, start, end)
    if _SINCE.search(left):
        return "past"
    if _UNTIL.search(left):
        return "present"  # "gave it until mid-November": a deadline, after the past verb
    right = right.split(",", 1)[0]
    marks: list[tuple[int, str]] = []
    for pattern, kind in ((_FUTURE, "future"), (_FORWARD, "future"), (_PAST, "past")):
        marks += [(len(left) - m.end(), kind) for m in pattern.finditer(left)]
        if pattern is not _FORWARD:  # an infinitive after the expression is another event's
            marks += [(m.start(), kind) for m in pattern.finditer(right)]
    if not marks:
        return "present"
    return min(marks, key=lambda mark: (mark[0], mark[1] != "future"))[1]  # "is expected": both
