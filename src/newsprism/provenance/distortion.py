"""Distortions: where a rewrite or translation changed what a sentence says.

For each aligned sentence pair of a derivation, a few narrow checks compare source and target: the
time or date changed, a number changed, a name changed, a negation appeared or vanished, a hedge was
dropped ("appeared to" stated as fact), an attribution was dropped, a quoted opinion became a firmer
paraphrase. Each check fires only on a clear signal; plain rewording is not a distortion, so checks
prefer to stay silent (precision over recall).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsprism.model import Alignment, Article, Conflict, Derivation, Evidence

NAME = "newsprism.provenance.distortion.v1"
CHECKED_KINDS = frozenset({"rewrite", "translation", "copy", "shared-source"})
# Alignments below this score may pair sentences that only share a topic (seen on the seeds at 0.66-0.74
# for a mismatched translation pair); a "changed" fact there would be an artefact of the pairing.
MIN_ALIGNMENT = 0.75


@dataclass(frozen=True)
class Finding:
    """One check's verdict on a sentence pair: what changed, in plain words."""

    check: str
    explanation: str
    confidence: float


# ------------------------------------------------------------------------------------- times

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:(?:on|this|last|next|in\s+the|earlier\s+in\s+the|earlier\s+this)\s+)?"
    r"(?:" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|week(?:end)?|month|today|yesterday|tonight|tomorrow"
    r"|" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?)\b",
    re.IGNORECASE,
)


def time_expressions(text: str) -> list[tuple[str, str]]:
    """(phrase as written, normalised value) for the time expressions of a sentence."""
    found = []
    for match in _TIME.finditer(text):
        phrase = match.group(0)
        lower = phrase.lower()
        if re.search(_WEEKDAY, lower):
            value = "day:" + re.search(_WEEKDAY, lower).group(0)  # type: ignore[union-attr]
        elif "weekend" in lower:
            value = "weekend:" + ("last" if "last" in lower else "this")
        elif "week" in lower:
            value = "week:" + ("last" if "last" in lower else "next" if "next" in lower else "this")
        elif "month" in lower:
            value = "month:" + ("last" if "last" in lower else "this")
        elif any(w in lower for w in ("today", "yesterday", "tonight", "tomorrow")):
            value = "rel:" + next(w for w in ("today", "yesterday", "tonight", "tomorrow") if w in lower)
        else:
            value = "date:" + re.sub(r"[\s,.]+", " ", lower).strip()
        found.append((phrase, value))
    return found


def check_time(source: str, target: str) -> Finding | None:
    before, after = time_expressions(source), time_expressions(target)
    if not before or not after or {v for _, v in before} & {v for _, v in after}:
        return None
    kinds = {v.split(":")[0] for _, v in before} | {v.split(":")[0] for _, v in after}
    if {"day", "date"} <= kinds:
        return None  # "on Thursday" vs "Feb 13" may well be the same day: no calendar here, stay silent
    old, new = before[0][0], after[0][0]
    vaguer = before[0][1].startswith(("day:", "date:")) and after[0][1].startswith(("week:", "month:"))
    detail = "the date changed and became vaguer" if vaguer else "the date changed"
    return Finding("time", f"'{old}' became '{new}': {detail}", 0.8)


# ----------------------------------------------------------------------------------- numbers

_NUMBER = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*(?!\w)")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def check_numbers(source: str, target: str) -> Finding | None:
    before, after = _numbers(source), _numbers(target)
    if not before or not after or before == after:
        return None
    lost, gained = sorted(before - after), sorted(after - before)
    if not lost or not gained:
        return None  # a number dropped or added is an omission, not a change
    return Finding("number", f"the number {lost[0]} became {gained[0]}", 0.75)


# ------------------------------------------------------------------------------------- names

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


def _similar(x: str, y: str) -> bool:
    # Spelling variants (Zelenskiy / Zelenskyy) and partial names (Coale / John Coale) are the same.
    x, y = x.lower(), y.lower()
    if x in y or y in x:
        return True
    common = sum(1 for i in range(min(len(x), len(y))) if x[i] == y[i])
    return common >= 0.75 * max(len(x), len(y))


def check_names(source: str, target: str, source_article: str) -> Finding | None:
    """A full name in the target that the source article never mentions, replacing one that it does."""
    before = set(_NAME.findall(source))
    after = [
        n
        for n in _NAME.findall(target)
        if not any(_similar(w, m) for m in _NAME.findall(source_article) for w in n.split()[-1:])
    ]
    missing = [
        n for n in before if not any(_similar(n.split()[-1], m.split()[-1]) for m in _NAME.findall(target))
    ]
    if after and missing:
        return Finding("name", f"'{missing[0]}' became '{after[0]}': the name changed", 0.6)
    return None


# ---------------------------------------------------------------------------------- negation

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|nobody|neither|nor|without|against|cannot|"
    r"yet to|absence|lack(?:s|ed|ing)?|fail(?:s|ed)?|refus(?:e|es|ed)|den(?:y|ies|ied)|"
    r"declin(?:e|es|ed)|reject(?:s|ed)?)\b|n't\b",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[a-z]{4,}")


def _overlap(source: str, target: str) -> float:
    a, b = set(_CONTENT.findall(source.lower())), set(_CONTENT.findall(target.lower()))
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def check_negation(source: str, target: str) -> Finding | None:
    """One side negates and the other does not, while the two share most of their words."""
    negated_before, negated_after = bool(_NEGATION.search(source)), bool(_NEGATION.search(target))
    if negated_before == negated_after or _overlap(source, target) < 0.6:
        return None
    if negated_before:
        cue = _NEGATION.search(source).group(0)  # type: ignore[union-attr]
        return Finding("negation", f"the negation '{cue}' was dropped: the statement is reversed", 0.6)
    cue = _NEGATION.search(target).group(0)  # type: ignore[union-attr]
    return Finding("negation", f"a negation '{cue}' was added: the statement is reversed", 0.6)


# ------------------------------------------------------------------------------------ hedges

_HEDGE = re.compile(
    r"\b(?:appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|reportedly|allegedly|apparently|"
    r"possibly|probably|likely|may|might|could|suggest(?:s|ed)?|is\s+said\s+to|"
    r"believed\s+to|unconfirmed|I\s+think|I\s+believe|we\s+think|not\s+sure)\b",
    re.IGNORECASE,
)
_STRONG_CLAIM = re.compile(
    r"\b(?:clarified|confirmed|stressed|insisted|made\s+clear|emphasi[sz]ed|declared|"
    r"assured|announced|guaranteed|affirmed|asserted|stated)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]|(?:^|\s)'|'(?:\s|[.,]|$)")


# Any appear/seem word keeps a target hedged ("appears open"): strict on the source, lenient on the target.
_TARGET_HEDGE = re.compile(
    r"\b(?:appear(?:s|ed|ing)?|seem(?:s|ed|ing)?|uncertain|unclear|perhaps|maybe)\b", re.IGNORECASE
)


def check_hedge(source: str, target: str) -> Finding | None:
    hedge = _HEDGE.search(source)
    if hedge is None or _HEDGE.search(target) is not None or _TARGET_HEDGE.search(target):
        return None
    if _QUOTE.search(source) and not _QUOTE.search(target) and (claim := _STRONG_CLAIM.search(target)):
        return Finding(
            "quote",
            f"the quoted opinion ('{hedge.group(0)} ...') became a firmer paraphrase "
            f"('{claim.group(0)}'): the speaker's hedge was dropped",
            0.7,
        )
    return Finding(
        "hedge", f"the hedge '{hedge.group(0)}' was dropped: a hedged claim is stated as fact", 0.65
    )


# ------------------------------------------------------------------------------- attribution

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|mentioned|stated|noted|added|announced|confirmed|"
    r"clarified|indicated|emphasi[sz]ed|stressed|explained|warned|cautioned|commented|suggested|insisted|"
    r"reported|claimed|acknowledged|argued|asserted|remarked|wrote|urged|declared|quoted|cited|described|"
    r"believes?|believed|thinks?|sources?|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)


def check_attribution(source: str, target: str) -> Finding | None:
    """The source attributes the content to someone; the target states it without any attribution."""
    cue = _ATTRIBUTION.search(source)
    if cue is None or _ATTRIBUTION.search(target) or _QUOTE.search(target):
        return None
    return Finding(
        "attribution",
        f"the attribution ('{cue.group(0)}') was dropped: a claim someone made is stated as fact",
        0.5,
    )


# ------------------------------------------------------------------------------------ driver

PairCheck = Callable[[str, str], Finding | None]
CHECKS: tuple[PairCheck, ...] = (check_time, check_numbers, check_negation, check_hedge, check_attribution)


def check_pair(source: str, target: str, source_article: str = "") -> tuple[Finding, ...]:
    """All findings for one aligned sentence pair (source -> target)."""
    findings = [f for check in CHECKS if (f := check(source, target)) is not None]
    name = check_names(source, target, source_article or source)
    if name is not None:
        findings.append(name)
    return tuple(findings)


def _conflict(pair: Alignment, finding: Finding, source: Article, target: Article) -> Conflict:
    key = (
        f"{pair.source.article_id}:{pair.source.start}-{pair.source.end}|"
        f"{pair.target.article_id}:{pair.target.start}-{pair.target.end}|{finding.check}"
    )
    evidence = (
        Evidence(
            source.id,
            pair.source.start,
            pair.source.end,
            source.text[pair.source.start : pair.source.end],
            date=source.published,
        ),
        Evidence(
            target.id,
            pair.target.start,
            pair.target.end,
            target.text[pair.target.start : pair.target.end],
            date=target.published,
        ),
    )
    return Conflict(
        id="dist-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        kind="distortion",
        speakers=(),
        statements=(),
        articles=(source.id, target.id),
        explanation=finding.explanation,
        confidence=round(finding.confidence * min(1.0, pair.score + 0.1), 3),
        evidence=evidence,
    )


def find_distortions(articles: Sequence[Article], derivations: Sequence[Derivation]) -> tuple[Conflict, ...]:
    """Distortions in the aligned sentence pairs of the derivations, as `Conflict(kind="distortion")`."""
    by_id = {article.id: article for article in articles}
    found: dict[str, Conflict] = {}
    for derivation in derivations:
        if derivation.kind not in CHECKED_KINDS:
            continue
        for pair in derivation.alignments:
            source, target = by_id.get(pair.source.article_id), by_id.get(pair.target.article_id)
            if source is None or target is None or pair.score < MIN_ALIGNMENT or pair.kind == "verbatim":
                continue
            before = source.text[pair.source.start : pair.source.end]
            after = target.text[pair.target.start : pair.target.end]
            for finding in check_pair(before, after, source.text):
                conflict = _conflict(pair, finding, source, target)
                found[conflict.id] = conflict
    return tuple(sorted(found.values(), key=lambda c: c.id))
