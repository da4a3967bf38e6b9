"""Explicit polar agreement: a clause of the body that states the claim's question with a sign.

The learned classifier reads FNC-1's notion of stance, where a news report that quotes officials is
mostly "discuss" even when every quote says the claim is true. A fact-checker wants more: when the
claim carries an explicit polar expression ("is off the table", "is unrealistic", "was denied") and
a clause of the body answers the same question on the same topic ("NATO membership for Ukraine is
off the table", "that is still on the table"), that clause decides. Clauses are analysed with the
rule-based stance of `newsprism.positions.stance` (polar lexicon, negation scope, wh-clauses).

- the claim's sign and frame come from its own polar expression; no polar expression, no rule;
- a body clause counts when it is assertive, has a polar expression of the same frame, and its
  topic shares at least `MIN_SHARED_KEYS` content keys with the claim's; a clause with no topic of
  its own ("it's still on the table") takes the topic of its sentence or of the nearest of the
  `CARRY_SENTENCES` preceding sentences that is about the claim (the pronoun's antecedent);
- all agreeing clauses -> supports; all opposing -> contradicts; both -> discusses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.positions.stance import GENERIC_KEYS, POLAR, Claim, analyze_claim, norm_key, parse_many
from newsprism.stance.features import EncodedBody

MIN_SHARED_KEYS = 2
# Frames the rule decides: whether something is possible / on the table / allowed. On FNC-1's dev
# bodies the "fact" frame (true, false, deny) as well cost 0.004 of FNC score and 0.009 of macro-F1: its words
# describe hoaxes and rumours far more often than they answer the claim.
RULE_FRAMES = frozenset({"option"})
CARRY_SENTENCES = 3
# Clause boundaries inside a sentence: punctuation and the conjunctions that start a new claim (not
# quotes: a scare-quoted word, Russia would "allow", belongs to its clause).
_CLAUSE = re.compile(r"[,;:()\[\]]|\s(?=(?:but|and that|while|whereas)\s)")


def _stems() -> re.Pattern[str]:
    """A cheap prefilter: a clause can only hold a polar expression if it holds one of these words."""
    words = {max((w for w in pattern if w != "*"), key=len)[:5] for pattern, _, _ in POLAR}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + ")", re.IGNORECASE)


_POLAR_STEMS = _stems()


@dataclass(frozen=True)
class Polar:
    sentence: int  # index into the body's spans
    sign: int  # +1 agrees with the claim, -1 opposes it


def clauses_of(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if len(text[a:b].strip()) >= 3]


def claim_polarity(text: str) -> Claim | None:
    """The claim's own polar reading, or None when it states nothing with a sign."""
    found = [c for c in analyze_claim(text) if c.cue_words and c.assertive and c.frame in RULE_FRAMES]
    return found[0] if found else None


def _keys(claim: Claim) -> frozenset[str]:
    return claim.keys - GENERIC_KEYS


def polar_clauses(claim: Claim, body: EncodedBody) -> list[Polar]:
    """Clauses of the body answering the claim's question, with their sign relative to the claim."""
    wanted = _keys(claim)
    if not wanted:
        return []
    need = min(MIN_SHARED_KEYS, len(wanted))
    texts = [body.text[a:b] for a, b in body.spans]
    candidates = [(i, texts[i][a:b]) for i in range(len(texts)) for a, b in clauses_of(texts[i])
                  if _POLAR_STEMS.search(texts[i][a:b])]
    parse_many([c for _, c in candidates])
    found = []
    for i, clause_text in candidates:
        for clause in analyze_claim(clause_text.strip()):
            if not (clause.cue_words and clause.assertive and not clause.universal and clause.frame == claim.frame):
                continue
            shared = len(_keys(clause) & wanted)
            if shared < need and not _keys(clause) - {"us"}:
                shared = _carried(body, i, wanted, need)
            if shared >= need:
                found.append(Polar(sentence=i, sign=1 if clause.polarity == claim.polarity else -1))
                break
    return found


def _carried(body: EncodedBody, sentence: int, wanted: frozenset[str], need: int) -> int:
    """Keys shared with the claim by the sentence itself or the nearest preceding on-topic sentence."""
    for j in range(sentence, max(-1, sentence - CARRY_SENTENCES - 1), -1):
        shared = len({norm_key(w) for w in body.words[j]} & wanted)
        if shared >= need:
            return shared
    return 0


def polar_verdict(found: list[Polar]) -> str | None:
    signs = {p.sign for p in found}
    if not signs:
        return None
    if signs == {1}:
        return "supports"
    if signs == {-1}:
        return "contradicts"
    return "discusses"
