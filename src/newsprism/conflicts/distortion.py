"""Distortions: where a rewrite or translation changed what a sentence says.

For each aligned sentence pair of a derivation, a few narrow checks compare source and target: the
time or date changed, a number changed, a name changed, a negation appeared or vanished, a hedge was
dropped ("appeared to" stated as fact), an attribution was dropped, a quoted opinion became a firmer
paraphrase. Each check fires only on a clear signal; plain rewording is not a distortion, so checks
prefer to stay silent (precision over recall).

Word-list checks (names, negation, hedges, attribution) are English and run only when both sides are in
one language; across languages only numbers (after locale normalisation: "1.200" == "1,200", "4,1
Milliarden" == "4.1 billion") and times are compared. Inside a derivation, sentences the aligner left
unpaired between two anchored alignments are paired again at a lower threshold when they share a name
and content words (`fill_gaps`); those pairs get only the hedge/quote check. A change is reported once:
the same target span and check reached through several sources (a wire and its verbatim copy) keeps
the most original source.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.model import Alignment, Article, Conflict, ConflictKind, Derivation, Evidence
from newsprism.provenance.confidence import distortion_confidence, distortion_signals
from newsprism.run.state import StoryState, story_stage
from newsprism.stories.align import fill_gaps

NAME = "newsprism.conflicts.distortion.v4"
CHECKED_KINDS = frozenset({"rewrite", "translation", "copy", "shared-source"})
# Alignments below this score may pair sentences that only share a topic (seen on the seeds at 0.66-0.74
# for a mismatched translation pair); a "changed" fact there would be an artefact of the pairing.
MIN_ALIGNMENT = 0.75
# Same-language paraphrase pairs also share >= 30% of their content words (align.PARAPHRASE_OVERLAP): from
# the derivation's own strong-alignment threshold (derive.STRONG_SCORE) up to MIN_ALIGNMENT they get the
# figure checks only (numbers, approximations, times); word checks there fired on rewrites that fold two
# sentences into one ("..., and promised that no water ...") and on faithful ones ("according to" cut).
MIN_PARAPHRASE = 0.70


@dataclass(frozen=True)
class Finding:
    """One check's verdict on a sentence pair: what changed, in plain words."""

    check: str
    explanation: str
    confidence: float
    # A changed date that sits in the same place of both sentences (the same word beside it): the two
    # date one fact, so inside a real derivation the change is one (provenance/confidence.py).
    anchored: bool = False


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
            value = "date:" + _month_day(lower)
        found.append((phrase, value))
    return found


def _month_day(phrase: str) -> str:
    """"on Feb. 17", "February 17, 2009" and "17 February" are one date: month number and day."""
    month = re.search(_MONTH, phrase)
    day = re.search(r"\b(\d{1,2})\b", phrase)
    if month is None or day is None:
        return re.sub(r"[\s,.]+", " ", phrase).strip()
    return f"{_MONTHS.index(month.group(0).rstrip('.')[:3]) + 1}-{int(day.group(1))}"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def check_time(source: str, target: str) -> Finding | None:
    before, after = time_expressions(source), time_expressions(target)
    if not before or not after or {v for _, v in before} & {v for _, v in after}:
        return None
    kinds = {v.split(":")[0] for _, v in before} | {v.split(":")[0] for _, v in after}
    if {"day", "date"} <= kinds:
        return None  # "on Thursday" vs "Feb 13" may well be the same day: no calendar here, stay silent
    if "rel" in kinds and kinds & {"day", "date"}:
        return None  # "yesterday" in a Wednesday paper is "Tuesday": relative to dates we do not compare
    slotted = [(b, a) for b in before for a in after if same_slot(source, b[0], target, a[0])]
    anchored = bool(slotted)
    if not slotted and len(before) == len(after) == 1 and before[0][1].split(":")[0] == after[0][1].split(":")[0]:
        slotted = [(before[0], after[0])]  # the one date of each, moved ("reported on Tuesday" / "On Monday, ...")
    if not slotted:
        return None  # the two dates date different things in the two sentences
    (old, old_value), (new, new_value) = slotted[0]
    vaguer = old_value.startswith(("day:", "date:")) and new_value.startswith(("week:", "month:"))
    detail = "the date changed and became vaguer" if vaguer else "the date changed"
    return Finding("time", f"'{old}' became '{new}': {detail}", 0.8, anchored)


def _neighbours(text: str, phrase: str) -> tuple[str, str]:
    """The words right before and right after the first occurrence of `phrase` (lowercase, '' at an end)."""
    at = text.find(phrase)
    if at < 0:
        return "", ""
    before = re.findall(r"\w+", text[:at])
    after = re.findall(r"\w+", text[at + len(phrase) :])
    return (before[-1].lower() if before else ""), (after[0].lower() if after else "")


def same_slot(source: str, old: str, target: str, new: str) -> bool:
    """Whether a changed value sits in the same place of the two sentences (the same word before or after
    it): then both report the same fact ("fell 17 people" / "fell 20 people"), not two facts of a story."""
    before, after = _neighbours(source, old), _neighbours(target, new)
    return any(x and x == y for x, y in zip(before, after, strict=True))


# ----------------------------------------------------------------------------------- numbers

_NUMBER = re.compile(
    r"(?<![\w.,-])(\d+(?:[.,]\d+)*)(?!\w)(?:\s+(thousand|tausend|million|millionen|mio\.?|"
    r"billion|milliarden?|mrd\.?|bn)\b)?",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "billion": 1e9,
          "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "bn": 1e9}
# Languages that write a decimal comma and group thousands with a dot ("1.200", "4,1 Milliarden").
COMMA_DECIMAL = frozenset(
    "de fr es it pt nl ru pl tr vi id sv da no nb fi cs sk ro uk el hu hr sl bg sr lt lv et ca".split()
)


def number_value(token: str, language: str | None = None) -> float | None:
    """The value of a number as written in `language`: "1,200" (en) and "1.200" (de) are both 1200."""
    group, decimal = (".", ",") if (language or "en")[:2].lower() in COMMA_DECIMAL else (",", ".")
    if re.fullmatch(r"\d{1,3}(?:" + re.escape(group) + r"\d{3})+", token):
        return float(token.replace(group, ""))
    if token.count(decimal) <= 1 and group not in token:
        try:
            return float(token.replace(decimal, "."))
        except ValueError:
            return None
    return None


def _numbers(text: str, language: str | None = None) -> dict[float, str]:
    """Normalised value -> the number as written, for the numbers of a sentence."""
    found: dict[float, str] = {}
    for match in _NUMBER.finditer(text):
        value = number_value(match.group(1), language)
        if value is None:
            continue
        if match.group(2):
            value *= _SCALE[match.group(2).lower().rstrip(".")]
        found.setdefault(round(value, 6), match.group(0))
    return found


def check_numbers(
    source: str, target: str, source_language: str | None = None, target_language: str | None = None
) -> Finding | None:
    before, after = _numbers(source, source_language), _numbers(target, target_language)
    if not before or not after or before.keys() == after.keys():
        return None
    lost, gained = sorted(before.keys() - after.keys()), sorted(after.keys() - before.keys())
    if not lost or not gained:
        return None  # a number dropped or added is an omission, not a change
    pairs = [(old, new) for old in lost for new in gained]
    if same_language(source_language, target_language):
        # Within one language the changed figure must count the same thing (same word beside it).
        pairs = [(old, new) for old, new in pairs if same_slot(source, before[old], target, after[new])]
    if not pairs:
        return None
    old, new = pairs[0]
    return Finding("number", f"the number {before[old]} became {after[new]}", 0.75)


_APPROXIMATE = re.compile(
    r"\b(?:about|around|some|roughly|approximately|nearly|almost|an\s+estimated|estimated|up\s+to|"
    r"more\s+than|less\s+than|over|under|at\s+least|etwa|rund|ungefähr|circa|ca\.|knapp|fast|"
    r"mehr\s+als|über|bis\s+zu|mindestens)\s+$",
    re.IGNORECASE,
)


def _approximate_values(text: str, language: str | None) -> tuple[dict[float, str], set[float]]:
    """(value -> "about N" for figures written with an approximation, values written bare)."""
    loose: dict[float, str] = {}
    exact: set[float] = set()
    for match in _NUMBER.finditer(text):
        value = number_value(match.group(1), language)
        if value is None:
            continue
        cue = _APPROXIMATE.search(text[max(0, match.start() - 20) : match.start()])
        if cue:
            loose[value] = cue.group(0) + match.group(1)
        else:
            exact.add(value)
    return loose, exact


def check_approximation(
    source: str, target: str, source_language: str | None = None, target_language: str | None = None
) -> Finding | None:
    """The same figure, approximate in the source ("about 300") and bare in the target ("300")."""
    loose, _ = _approximate_values(source, source_language)
    loose_after, exact_after = _approximate_values(target, target_language)
    stated = sorted((loose.keys() & exact_after) - loose_after.keys())
    if not stated:
        return None
    written = loose[stated[0]]
    return Finding(
        "approximation", f"the approximate figure '{written}' is stated as exact: the approximation was dropped",
        0.6,
    )


# ------------------------------------------------------------------------------------- names

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


def _similar(x: str, y: str) -> bool:
    # Spelling variants (Zelenskiy / Zelenskyy) and partial names (Coale / John Coale) are the same.
    x, y = x.lower(), y.lower()
    if x in y or y in x:
        return True
    common = sum(1 for i in range(min(len(x), len(y))) if x[i] == y[i])
    return common >= 0.75 * max(len(x), len(y))


# Capitalised runs that are no one's name: a sentence-initial "On Saturday", "Aden Thursday".
_NOT_A_NAME = re.compile(r"\b(?:" + _WEEKDAY + r"|" + _MONTH + r"|on|in|at|the|billion|million|thousand)\b",
                         re.IGNORECASE)
# A name "changed" only between two sentences that report the same fact: outside the two names they
# share at least this share of their content words (issue 21: "'President X' became 'Y'" between
# sentences that do not correspond; the labelled genuine name changes share 0.76).
NAME_CORRESPONDENCE = 0.6


def _names_of(text: str) -> list[str]:
    return [n for n in _NAME.findall(text) if not _NOT_A_NAME.search(n)]


def check_names(source: str, target: str, source_article: str) -> Finding | None:
    """A full name in the target that the source article never mentions, replacing one that it does, in
    two sentences that otherwise say the same thing."""
    before = set(_names_of(source))
    in_target = _names_of(target)
    in_source_article = _NAME.findall(source_article)  # once, not once per name (big stories)
    after = [n for n in in_target if not any(_similar(n.split()[-1], m) for m in in_source_article)]
    missing = [n for n in before if not any(_similar(n.split()[-1], m.split()[-1]) for m in in_target)]
    if not after or not missing or missing[0].lower() in after[0].lower() or after[0].lower() in missing[0].lower():
        return None  # "Missouri Valley" in "Missouri Valley Conference Tournament" is the same name, longer
    rest_before, rest_after = source.replace(missing[0], " "), target.replace(after[0], " ")
    if _overlap(rest_before, rest_after) < NAME_CORRESPONDENCE:
        return None
    return Finding("name", f"'{missing[0]}' became '{after[0]}': the name changed", 0.6)


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
    r"believed\s+to|unconfirmed|I\s+think|I\s+believe|we\s+think|not\s+sure|"
    r"(?:I|we)\s+(?:don['’]t|do\s+not)\s+(?:think|believe|expect))\b",
    re.IGNORECASE,
)
_STRONG_CLAIM = re.compile(
    r"\b(?:clarified|confirmed|stressed|insisted|made\s+clear|emphasi[sz]ed|declared|"
    r"assured|announced|guaranteed|affirmed|asserted|stated|ruled\s+out|rules\s+out|vowed|pledged)\b",
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
    r"\b(?:said|says|say|told|tells|according\s+to|mentioned|stated|noted|added(?=\s*[,.:]|\s+that\b)|announced|confirmed|"
    r"clarified|indicated|emphasi[sz]ed|stressed|explained|warned|cautioned|commented|suggested|insisted|"
    r"reported|claimed|acknowledged|argued|asserted|remarked|wrote|urged|declared|quoted|cited|described|"
    r"believes?|believed|thinks?|sources?|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)


# Any of these in the target keeps the claim attributed ("..., satellite images show.", "per the union").
_TARGET_ATTRIBUTION = re.compile(
    r"\b(?:shows?|showed|shown|showing|indicates?|estimates?|estimated|found|finds|reports?|claims?|"
    r"per|citing|quoting|according|accused|alleged|denied|denies|admitted|testified|insisted|"
    r"maintains?|maintained|contends?|contended)\b|:\s*[\"“'‘]",
    re.IGNORECASE,
)


# A closing quote mark just before the cue, at most three words away ('...," the officer said').
_CREDITS_QUOTE = re.compile(r"[\"”’'],?\s*(?:[\w-]+\s+){0,3}$")


# The capitalised words right before the cue: who is credited ("Lieutenant Hastings said").
_SPEAKER_BEFORE_CUE = re.compile(r"((?:[A-Z][a-z]{2,}\s+){1,4})$")


def check_attribution(source: str, target: str) -> Finding | None:
    """The source attributes the content to someone; the target states it without any attribution."""
    cue = _ATTRIBUTION.search(source)
    if cue is None or _ATTRIBUTION.search(target) or _TARGET_ATTRIBUTION.search(target) or _QUOTE.search(target):
        return None
    if _CREDITS_QUOTE.search(source[: cue.start()]):
        return None  # the cue credits a quotation ("'I'm satisfied,' said ..."), not a claim the target states
    speaker = _SPEAKER_BEFORE_CUE.search(source[: cue.start()])
    if speaker and set(speaker.group(1).split()) & set(re.findall(r"\b[A-Z][a-z]{2,}\b", target)):
        return None  # the target still names who said it ("Hastings said he did not know" / "Hastings did not know")
    return Finding(
        "attribution",
        f"the attribution ('{cue.group(0)}') was dropped: a claim someone made is stated as fact",
        0.5,
    )


# ------------------------------------------------------------------------------------ driver

PairCheck = Callable[[str, str], Finding | None]
# English word lists: only for pairs in one language.
SAME_LANGUAGE_CHECKS: tuple[PairCheck, ...] = (check_negation, check_hedge, check_attribution)


def same_language(source: str | None, target: str | None) -> bool:
    """Both sides in one language (an unknown language is taken to be the other side's)."""
    return not (source and target and source[:2].lower() != target[:2].lower())


def check_pair(
    source: str,
    target: str,
    source_article: str = "",
    source_language: str | None = None,
    target_language: str | None = None,
) -> tuple[Finding, ...]:
    """All findings for one aligned sentence pair (source -> target), in the pair's languages."""
    findings = [
        check_time(source, target),
        check_numbers(source, target, source_language, target_language),
        check_approximation(source, target, source_language, target_language),
    ]
    if same_language(source_language, target_language):
        findings.extend(check(source, target) for check in SAME_LANGUAGE_CHECKS)
        findings.append(check_names(source, target, source_article or source))
    return tuple(f for f in findings if f is not None)


def correspondence(source: str, target: str) -> float:
    """How far two aligned sentences report the same fact: their shared content words (0-1)."""
    return round(_overlap(source, target), 4)


def _calibrated(
    pair: Alignment, finding: Finding, derivation: Derivation, before: str, after: str
) -> tuple[float, bool]:
    """(confidence, uncertain): a distortion is only as real as its derivation (uncertain with it)."""
    derived = derivation.confidence if derivation.confidence is not None else 1.0
    signals = distortion_signals(derived, finding.check, correspondence(before, after), pair.kind == "gap")
    confidence, uncertain = distortion_confidence(signals, finding.anchored)
    return confidence, uncertain or derivation.uncertain


def _conflict(pair: Alignment, finding: Finding, source: Article, target: Article, derivation: Derivation) -> Conflict:
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
    confidence, uncertain = _calibrated(pair, finding, derivation, evidence[0].text, evidence[1].text)
    return Conflict(
        id="dist-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        kind=ConflictKind.DISTORTION,
        speakers=(),
        statements=(),
        articles=(source.id, target.id),
        explanation=finding.explanation,
        confidence=confidence,
        evidence=evidence,
        uncertain=uncertain,
    )


def _depth(derivations: Sequence[Derivation]) -> dict[str, int]:
    """How many derivation steps lie above each article (0: nothing in the corpus is its source)."""
    parents: dict[str, set[str]] = {}
    for d in derivations:
        if d.source and d.directed:
            parents.setdefault(d.target, set()).add(d.source)
    depth: dict[str, int] = {}

    def walk(article: str, seen: frozenset[str]) -> int:
        if article not in depth:
            above = [walk(p, seen | {article}) for p in parents.get(article, ()) if p not in seen]
            depth[article] = 1 + min(above) if above else 0
        return depth[article]

    for article in {d.target for d in derivations} | {d.source for d in derivations if d.source}:
        walk(article, frozenset())
    return depth


def _pairs_to_check(derivation: Derivation, source: Article, target: Article) -> list[tuple[Alignment, str]]:
    """(pair, which checks: "all" | "figures" | "gap") for a derivation's alignments and gap-filled pairs."""
    pairs = []
    for p in derivation.alignments:
        if p.kind == "verbatim":
            continue
        if p.score >= MIN_ALIGNMENT:
            pairs.append((p, "all"))
        elif p.kind == "paraphrase" and p.score >= MIN_PARAPHRASE:
            pairs.append((p, "figures"))
    if same_language(source.language, target.language) and source.translated == target.translated:
        pairs.extend((p, "gap") for p in fill_gaps(source, target, derivation.alignments))
    return pairs


def _findings(which: str, before: str, after: str, source: Article, target: Article) -> tuple[Finding, ...]:
    found: tuple[Finding | None, ...]
    if which == "gap":
        found = (check_hedge(before, after),)
    elif which == "figures":
        found = (
            check_time(before, after),
            check_numbers(before, after, source.language, target.language),
            check_approximation(before, after, source.language, target.language),
        )
    else:
        return check_pair(before, after, source.text, source.language, target.language)
    return tuple(f for f in found if f is not None)


def find_distortions(articles: Sequence[Article], derivations: Sequence[Derivation]) -> tuple[Conflict, ...]:
    """Distortions in the aligned sentence pairs of the derivations, as `Conflict(kind="distortion")`.

    One conflict per changed target span and check: when several sources lead to it (a wire and its
    copy), the most original source (fewest derivation steps above it, then earliest, then id) is kept."""
    by_id = {article.id: article for article in articles}
    depth = _depth(derivations)
    found: dict[tuple[str, int, int, str], tuple[tuple[int, str, str], Conflict]] = {}
    for derivation in derivations:
        origin = derivation.source or next((p.source.article_id for p in derivation.alignments), "")
        source, target = by_id.get(origin), by_id.get(derivation.target)
        if derivation.kind not in CHECKED_KINDS or source is None or target is None:
            continue
        rank = (depth.get(source.id, 0), source.published or "9999", source.id)
        for pair, which in _pairs_to_check(derivation, source, target):
            if pair.source.article_id != source.id or pair.target.article_id != target.id:
                continue
            before = source.text[pair.source.start : pair.source.end]
            after = target.text[pair.target.start : pair.target.end]
            for finding in _findings(which, before, after, source, target):
                key = (target.id, pair.target.start, pair.target.end, finding.check)
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, _conflict(pair, finding, source, target, derivation))
    return tuple(sorted((c for _, c in found.values()), key=lambda c: c.id))


@story_stage("conflicts.distortion", NAME, ("articles", "derivations"), ("distortions",),
             "where a derived article changed what its source said (aligned sentence pairs)")
def run_distortions(state: StoryState) -> tuple[Any, ...]:
    return (find_distortions(state.articles, state.derivations),)
