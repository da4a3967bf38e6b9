"""Is a pair of opposed statements about the same specific claim, and do they really disagree?

The proposition grouping (`positions.decide.same_question`) puts statements about one *topic*
together ("the report found insufficient evidence" / "the report must be made public"); a
contradiction needs one *claim*: the same predicate about the same thing. Each side is reduced to a
small predicate-argument frame from its parse:

- `predicates`: the lemmas of its verbs, predicative adjectives and predicate nouns ("was a
  gangster" -> gangster), without reporting, auxiliary and light verbs;
- `args`: the heads of its subject, object and prepositional-object phrases and every name and
  number in it (lower-cased lemmas, normalised by the stance module's synonym table).

Two sides are about the same claim when they share a predicate and an argument, or (a denial in
other words: "no cribbing of Michelle Obama's speech" / "93 percent of the speech is different")
two arguments. Negation counts only then: a "not" in one side and not in the other is no
contradiction when the rest of the claim differs.

Agreement: words around a statement that say its speaker agrees with the other side's speaker
("echoed", "concurred", "backed Hegseth's assessment") mean the two are never paired. The stance
engine of `newsprism claim` (FNC-1 trained) reading each side as the headline and the other as the
body is a calibration signal only: it reads a claim and its negation as agreeing.

Narration: a statement whose speaker is the article, the outlet or a headline is the reporter's
own text, not a speaker's stance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsprism.positions.propositions import Unit
from newsprism.positions.stance import norm_key, parse
from newsprism.stance.engine import claims as encode_claim_texts
from newsprism.stance.engine import encode
from newsprism.stance.features import pair_features
from newsprism.stance.model import LABELS, load_model

# Verbs that report, hedge or carry no predicate of their own.
LIGHT = frozenset(("be say tell add note think believe know see get make take do have go come want need seem appear "
                   "suggest expect hope let put give keep become remain claim report state insist argue explain "
                   "continue try mean").split())
ARG_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "dative", "appos", "compound", "poss"))
PRONOUNS = frozenset("i you he she it we they me him her us them this that these those who what which one".split())
# Words next to a statement that say its speaker agrees with someone ("Potts echoed Eaton").
AGREEMENT = re.compile(r"\b(?:echo(?:ed|es|ing)?|concur(?:red|s)?|agree[sd]?\s+with|in agreement with|"
                       r"backed (?:[\w'’.-]+\s){0,5}(?:assessment|view|position|claim|call|stance)|seconded|"
                       r"shares? (?:[\w'’.-]+\s){0,3}view)\b", re.IGNORECASE)
# Speakers that are the report itself, not someone quoted in it.
NARRATOR = re.compile(r"^(?:the\s+)?(?:article|report|story|headline|newspaper|paper|outlet|editorial|reporter|"
                      r"this (?:newspaper|paper|report)|we)$", re.IGNORECASE)
DENIAL_CUE = re.compile(r"^(?:den|disput|reject|refut|dismiss|contest|rebut|counter|insist)", re.IGNORECASE)
CONTEXT = 160  # characters either side of a statement read for agreement words


@dataclass(frozen=True)
class Frame:
    predicates: frozenset[str]
    args: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str] = frozenset()  # the arguments that are names (proper nouns)


@dataclass(frozen=True)
class SameClaim:
    """The same-claim test of one pair: shared predicates and arguments, and the verdict."""

    predicates: frozenset[str]
    args: frozenset[str]
    numbers_differ: bool
    names: frozenset[str] = frozenset()  # shared arguments that are names

    @property
    def same(self) -> bool:
        """A shared predicate and argument; or an argument and two different figures ("$12" / "$15
        minimum wage"); or, in other words, two shared arguments one of them a name (the same thing
        named: "no cribbing of Michelle Obama's speech" / "different than Michelle Obama's speech").
        Two common nouns alone are a topic ("the audit report ... budget"), not a claim."""
        return (bool(self.predicates and self.args) or (bool(self.args) and self.numbers_differ)
                or (len(self.args) >= 2 and bool(self.names)))

    @property
    def score(self) -> float:
        """0..1: a shared predicate counts half, shared arguments the rest (two or more: all of it)."""
        return 0.5 * bool(self.predicates) + 0.25 * min(2, len(self.args))


@lru_cache(maxsize=4096)
def frame_of(text: str) -> Frame:
    doc = parse(text)
    preds: set[str] = set()
    args: set[str] = set()
    numbers: set[str] = set()
    names: set[str] = set()
    for tok in doc:
        lemma = norm_key(tok.lemma_ or tok.text)
        if tok.like_num or tok.pos_ == "NUM":
            numbers.add(tok.text.lower().replace(",", "").lstrip("$"))
            continue
        if len(lemma) < 2 or tok.is_stop or lemma in PRONOUNS:
            continue
        if tok.pos_ == "VERB" and lemma not in LIGHT:
            preds.add(lemma)
        elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "attr", "oprd", "ROOT", "amod"):
            preds.add(lemma)
        if tok.pos_ in ("NOUN", "PROPN"):
            if tok.dep_ == "attr" or (tok.dep_ == "ROOT" and tok.pos_ == "NOUN"):
                preds.add(lemma)  # a predicate noun: "he was a gangster", "no cribbing of ..."
            if tok.pos_ == "PROPN" or tok.dep_ in ARG_DEPS or tok.dep_ == "ROOT":
                args.add(lemma)
            if tok.pos_ == "PROPN":
                names.add(lemma)
    # nominalised predicates are arguments too ("cribbing of the speech" vs "crib the speech")
    return Frame(frozenset(preds), frozenset(args | (preds - {norm_key(t.lemma_) for t in doc if t.pos_ == "VERB"})),
                 frozenset(numbers), frozenset(names))


def same_claim(a: str, b: str) -> SameClaim:
    fa, fb = frame_of(a), frame_of(b)
    both_preds = fa.predicates & fb.predicates
    shared_args = (fa.args & fb.args) - both_preds
    numbers_differ = bool(fa.numbers and fb.numbers and not fa.numbers & fb.numbers)
    return SameClaim(frozenset(both_preds), frozenset(shared_args), numbers_differ,
                     frozenset(shared_args & fa.names & fb.names))


def stance_agreement(a: str, b: str) -> float:
    """The stance engine's p(agree) - p(disagree), averaged over both readings (a as the headline
    and b as the body, and the reverse): > 0 reads as agreeing, < 0 as disagreeing."""
    claims = encode_claim_texts([a, b])
    bodies = encode([b, a])
    features = np.vstack([pair_features(claims[0], bodies[0]), pair_features(claims[1], bodies[1])])
    probs = load_model().probabilities(features)
    agree, disagree = LABELS.index("supports"), LABELS.index("contradicts")
    return round(float(np.mean(probs[:, agree] - probs[:, disagree])), 4)


def agreement_in_context(context: str, other: str | None = None) -> bool:
    """Words around a statement saying its speaker agrees; with `other` (the other side's speaker's
    surname), only when the context names them: "Trump backed Hegseth's assessment" pairs Trump
    with Hegseth, not with Kallas, who answered both."""
    if not AGREEMENT.search(context):
        return False
    return other is None or re.search(rf"\b{re.escape(other)}\b", context) is not None


def is_narration(speaker_text: str | None, outlet: str | None = None) -> bool:
    """The speaker is the report itself: "the article", "this newspaper", or the outlet publishing
    it (a paper quoting its own reporting is narration, not a source)."""
    if not speaker_text:
        return False
    who = re.sub(r"^the\s+", "", speaker_text.strip(), flags=re.IGNORECASE).lower()
    own = re.sub(r"^the\s+", "", (outlet or "").strip(), flags=re.IGNORECASE).lower()
    return bool(NARRATOR.match(speaker_text.strip())) or bool(own and who == own)


def unit_frame(u: Unit) -> Frame:
    """The frame of a unit's claim; a claim whose text names nothing ("Right now, that is still on
    the table") takes its arguments from the question it answers (the claim table's keys)."""
    f = frame_of(u.claim.text)
    preds = f.predicates | ({f"family:{u.claim.family}"} if u.claim.family else set())
    if f.args:
        return Frame(frozenset(preds), f.args, f.numbers, f.names)
    return Frame(frozenset(preds), u.claim.keys, f.numbers, u.claim.proper)


def same_unit_claim(a: Unit, b: Unit) -> SameClaim:
    fa, fb = unit_frame(a), unit_frame(b)
    both_preds = fa.predicates & fb.predicates
    # a predicate noun on one side is an argument on the other ("was a gangster" / "other gangsters")
    shared_args = ((fa.args | fa.predicates) & (fb.args | fb.predicates)) - both_preds
    numbers_differ = bool(fa.numbers and fb.numbers and not fa.numbers & fb.numbers)
    return SameClaim(frozenset(both_preds), frozenset(shared_args), numbers_differ,
                     frozenset(shared_args & fa.names & fb.names))


# A statement that opens with an outright "No, ..." denies what it answers, as a denying cue does
# (`polarity.not_incompatible` reads it so too): "No, I meant he's the founder of ISIS" answering
# "Trump simply meant that Obama's policies created the conditions ..." (PolNeAR, labelled genuine).
OPENING_DENIAL = re.compile(r"^\W*no\b\s*[,.;:!—–-]", re.IGNORECASE)


def is_denial(u: Unit) -> bool:
    return bool(DENIAL_CUE.match(u.statement.cue or "")) or bool(OPENING_DENIAL.match(u.statement.text))


def context_around(u: Unit) -> str:
    text, st = u.article.text, u.statement
    return text[max(0, st.start - CONTEXT):st.start] + " " + text[st.end:st.end + CONTEXT]


def surname(name: str | None) -> str | None:
    words = re.findall(r"[\w'’.-]+", name or "")
    return words[-1].removesuffix("'s").removesuffix("’s") if words else None


def not_opposed(a: Unit, b: Unit, name_a: str, name_b: str, specific: bool = True) -> str | None:
    """Why units a and b (opposite polarity by the claim table) are not a contradiction, or None.
    `specific`: test that both are about the same claim (not for a universal "everything is on the
    table" against a specific closing, which share no words by construction)."""
    if any(is_narration(u.statement.speaker_text, u.article.outlet) for u in (a, b)):
        return "narration"
    if (agreement_in_context(context_around(a), surname(name_b))
            or agreement_in_context(context_around(b), surname(name_a))):
        return "agreement in context"
    if not specific:
        return None
    sc = same_unit_claim(a, b)
    # a denial states the claim it denies: one shared term is enough ("denied he was a gangster")
    if not (sc.same or (sc.args and (is_denial(a) or is_denial(b)))):
        return "different claims"
    # No veto by the stance engine: it reads "Clinton was the winner" / "Clinton was not the winner"
    # as agreeing (FNC-1 pairs rarely differ by a negation alone); its reading is a calibration
    # feature (`calibrate.features_of`, stance_agree) instead.
    return None
