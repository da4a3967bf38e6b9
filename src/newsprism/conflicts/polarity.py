"""Do two statements about one claim really disagree? Polarity toward the shared target, and
incompatibility.

Two statements that share a predicate and an argument (`sameclaim.same_unit_claim`) are often two
speakers saying the same thing in other words ("Ryan: the remarks were racist" / "Bush: Trump should
retract his comments"), or compatible claims ("the flaw affects all versions" / "the update is for
all supported versions"). The claim table's polarity (a "not" somewhere in the clause) does not tell
them apart; these two tests do:

- *Agreement in other words*: each side's evaluation of what it talks about, the sign of its
  evaluative words (AFINN-en-165, Finn Årup Nielsen, ODbL 1.0, shipped unchanged as
  `data/afinn-en-165.txt` from the `afinn` 0.1 package on PyPI), each flipped inside a negator's
  scope (the negator's head and everything under it: "does not favor changing" is negative), and of
  its reporting cue ("condemned", "criticised" negative; "praised", "backed" positive). Two sides
  that evaluate with the same sign agree, whatever their wording: never a contradiction. A side that
  denies (a denying cue, "No, ...", "not true") repeats the words it denies, so it is not read for
  evaluation.
- *Incompatibility*: a contradiction needs one of: different figures on the shared claim; a denial
  (cue or explicit words); the claim table's polar frame on both sides with opposite polarity (an
  antonym: "remains open" / "not realistic"); a shared term inside a negator's scope on one side
  only (the negation is of the shared claim, not of something else in the sentence); or different
  names as the subject of the shared predicate ("Jermayne fired the shot" / "Coleman fired it").
  A pair that merely shares a predicate and an argument is not a contradiction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsprism.conflicts.sameclaim import DENIAL_CUE, SameClaim
from newsprism.positions.propositions import Unit
from newsprism.positions.stance import NEGATORS, claims_of, norm_key, parse

LEXICON = Path(__file__).resolve().parents[1] / "data" / "afinn-en-165.txt"
# Reporting cues that evaluate their content or target ("condemned the remarks", "praised her").
CUE_EVALUATION = (
    (re.compile(r"^(?:condemn|critici[sz]|denounc|slam|blast|decr|attack|rebuk|lambast|assail|castigat|"
                r"deplor|disavow|chastis|scold|fault|blam|accus|mock|ridicul|warn)", re.IGNORECASE), -1),
    (re.compile(r"^(?:prais|applaud|hail|welcom|commend|laud|endors|back|support|champion|defend|"
                r"cheer|celebrat|thank)", re.IGNORECASE), +1),
)
# Words that deny another's claim outright.
EXPLICIT_DENIAL = re.compile(r"^\W*no\b\s*[,.;:!—–-]|\b(?:not true|untrue|false(?:ly)?|a lie|lies|lying|"
                             r"wrong|never said|not accurate|inaccurate|incorrect|baseless|nonsense|fabricat\w*)\b",
                             re.IGNORECASE)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
ANTONYM_PREFIXES = ("un", "in", "im", "ir", "il", "dis", "non")
# A negating determiner on a subject or predicate noun negates its whole clause.
SCOPE_UP = ("nsubj", "nsubjpass", "attr", "expl")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """word -> valence (-5..+5); multi-word entries are left out (statements are read word by word)."""
    out: dict[str, int] = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        word, _, value = line.rpartition("\t")
        if word and " " not in word:
            out[word] = int(value)
    return out


def negated_ids(doc: Any) -> set[int]:
    """Token indices inside a negator's scope: the negator's head and the head's subtree ("does not
    favor changing the Act": favor, changing, Act); a determiner "no" negates its noun's subtree."""
    out: set[int] = set()
    for tok in doc:
        if tok.lower_ in NEGATORS or tok.dep_ == "neg" or tok.lower_ in ("cannot", "can't", "won't"):
            head = tok.head if tok.head != tok else tok
            if head.dep_ in SCOPE_UP and head.head != head:
                head = head.head  # "there is no one on pace to ...", "no evidence was found": the clause
            out.update(t.i for t in head.subtree)
            out.discard(tok.i)
    return out


def evaluation(text: str, cue: str | None = None) -> int:
    """-1, 0 or +1: the sign of the statement's evaluative words (negated ones flipped) plus its cue."""
    doc = parse(text)
    negated = negated_ids(doc)
    words = lexicon()
    total = 0
    for tok in doc:
        value = words.get(tok.lower_, words.get(tok.lemma_.lower(), 0))
        total += -value if tok.i in negated else value
    for pattern, sign in CUE_EVALUATION:
        if cue and pattern.match(cue.strip()):
            total += 3 * sign  # a cue like "condemned" weighs as a strong evaluative word
    return (total > 0) - (total < 0)


def denies(text: str, cue: str | None) -> bool:
    """A denying cue ("denied", "disputed") or words that deny outright ("No, ...", "not true")."""
    return bool(DENIAL_CUE.match(cue or "")) or bool(EXPLICIT_DENIAL.search(text))


def agree_in_other_words(a: str, cue_a: str | None, b: str, cue_b: str | None) -> bool:
    """Both sides evaluate their shared target with the same sign, and neither denies the other."""
    if denies(a, cue_a) or denies(b, cue_b):
        return False
    ea, eb = evaluation(a, cue_a), evaluation(b, cue_b)
    return ea != 0 and ea == eb


def negated_terms(text: str, terms: frozenset[str]) -> set[str]:
    """The shared terms (lemma keys) that stand inside a negator's scope in this text."""
    doc = parse(text)
    negated = negated_ids(doc)
    return {key for tok in doc if tok.i in negated and (key := norm_key(tok.lemma_ or tok.text)) in terms}


def subjects_of(text: str, predicates: frozenset[str]) -> set[str]:
    """Proper-name subjects of the shared predicates in this text."""
    out: set[str] = set()
    for tok in parse(text):
        if tok.dep_ in SUBJECT_DEPS and tok.pos_ == "PROPN" and norm_key(tok.head.lemma_) in predicates:
            out.add(tok.lower_)
    return out


def evaluative_words(text: str) -> set[tuple[str, int]]:
    """(word, sign) of each evaluative word, the sign flipped inside a negator's scope."""
    doc = parse(text)
    negated = negated_ids(doc)
    words = lexicon()
    out: set[tuple[str, int]] = set()
    for tok in doc:
        value = words.get(tok.lower_, 0)
        if value:
            out.add((tok.lower_, -1 if (value > 0) == (tok.i in negated) else 1))
    return out


def antonym_evaluations(a: str, b: str) -> bool:
    """One evaluative word and its opposite on the two sides: the same word negated on one side
    only, or the word and its prefixed antonym ("capable" / "incapable", "fair" / "unfair").
    Opposite evaluations of different words are no incompatibility ("the vulnerability" / "the
    supported versions")."""
    for wa, sa in evaluative_words(a):
        for wb, sb in evaluative_words(b):
            if sa != sb and (wa == wb or any(wa == p + wb or wb == p + wa for p in ANTONYM_PREFIXES)):
                return True
    return False


def opposite_frames(a: str, cue_a: str | None, b: str, cue_b: str | None) -> bool:
    """The claim table's polar words of one family with opposite polarity: an antonym pair on the
    same question ("remains open" / "not a realistic outcome")."""
    fa = {(c.family, c.polarity) for c in claims_of(a, cue_a) if c.family}
    fb = {(c.family, c.polarity) for c in claims_of(b, cue_b) if c.family}
    return any((fam, -pol) in fb for fam, pol in fa)


def incompatibility(a: str, cue_a: str | None, b: str, cue_b: str | None, sc: SameClaim) -> str | None:
    """Why a and b cannot both be true about their shared claim, or None (compatible)."""
    if sc.numbers_differ:
        return "different figures"
    if denies(a, cue_a) or denies(b, cue_b):
        return "denial"
    if opposite_frames(a, cue_a, b, cue_b):
        return "opposite on one polar frame"
    if antonym_evaluations(a, b):
        return "antonym"
    shared = sc.predicates | sc.args
    if negated_terms(a, shared) ^ negated_terms(b, shared):
        return "negation of the shared claim"
    subj_a, subj_b = subjects_of(a, sc.predicates), subjects_of(b, sc.predicates)
    if subj_a and subj_b and not subj_a & subj_b:
        return "different names in one slot"
    return None


def not_incompatible_texts(a: str, cue_a: str | None, b: str, cue_b: str | None, sc: SameClaim) -> str | None:
    """Why two statements already about one claim are still no contradiction, or None."""
    if agree_in_other_words(a, cue_a, b, cue_b):
        return "agreement in other words"
    if incompatibility(a, cue_a, b, cue_b, sc) is None:
        return "compatible claims"
    return None


def not_incompatible(a: Unit, b: Unit, sc: SameClaim) -> str | None:
    """`not_incompatible_texts` on two units' claims and reporting cues; a statement that opens with
    an outright denial ("No, I meant ...") denies whichever of its claims is paired."""
    if any(EXPLICIT_DENIAL.match(u.statement.text.lstrip("\"'“‘ ")) for u in (a, b)):
        return None
    return not_incompatible_texts(a.claim.text, a.statement.cue, b.claim.text, b.statement.cue, sc)
