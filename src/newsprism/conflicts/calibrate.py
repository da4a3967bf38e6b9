"""Calibrated confidence for the opinion conflicts (contradiction, reversal, discrepancy).

The detectors' own confidence ranks pairs by how opposed their stances look; on real news most
of what it reports is wrong (two people who agree, different claims of one topic, narration taken
as a statement). A small logistic model over features every reported item carries (its sides'
texts, whether they are direct quotes, how the speaker was named, how close the two sides and the
proposition are) turns the detector's score into a probability, fitted on the labelled real-news
set of eval/conflicts_real/ by eval/conflicts_calibrate.py (weights in calibration.json beside this
module). An item whose probability is below the kind's threshold (the lowest score at which the
dev precision of the items above it is >= 0.9) is kept but marked `uncertain`: renderers hide it
unless asked (`--all`).

The features read only what a report.json keeps (`Side`), so the training script computes them
from stored reports exactly as the pipeline does at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from newsprism.conflicts.polarity import incompatibility
from newsprism.conflicts.sameclaim import DENIAL_CUE, same_claim, stance_agreement
from newsprism.model import Conflict, ConflictKind, Statement

WEIGHTS = Path(__file__).with_name("calibration.json")
CALIBRATED = (ConflictKind.CONTRADICTION, ConflictKind.REVERSAL, ConflictKind.DISCREPANCY)
PRONOUNS = frozenset("he she they it we i you his her their its him them this that who".split())
STOP = frozenset(("a an the of to in on at for and or but is are was were be been being has have had do does did "
                  "that this with as by from it its he she they we i you his her their not no would will can "
                  "could should said says say about there what which who than then so if").split())
NEGATION = re.compile(r"\b(?:not|no|never|none|nothing|n't|cannot|denied|denies|deny|false|untrue|"
                      r"rejected|rejects|disputed|disputes)\b|n[’']t\b", re.IGNORECASE)
DENIAL_CUES = DENIAL_CUE
# Words around a statement that say the reporter saw a disagreement, or an agreement ("echoed").
DISPUTE = re.compile(r"\b(?:den(?:y|ied|ies|ial)|disput\w*|reject\w*|refut\w*|rebut\w*|counter\w*|contradict\w*|"
                     r"disagree\w*|push(?:ed)? back|responded|insist\w*|dismiss\w*|not true|false(?:ly)?|"
                     r"wrong|challeng\w*|but)\b", re.IGNORECASE)
AGREE = re.compile(r"\b(?:echo\w*|agree[sd]?|likewise|similarly|also|too|as well|backed|endors\w*|praised|"
                   r"joined|repeated)\b", re.IGNORECASE)
CONTEXT = 160  # characters either side of a statement read for dispute / agreement words
# The detectors' own score is not a feature: it did not separate genuine from spurious items on the
# labels, and report.json then holds only the calibrated confidence, so a refit could not read it.
FEATURES = ("bias", "direct_share", "pronoun_speaker", "fragment", "side_overlap", "prop_overlap",
            "prop_not_sentence", "one_negated", "denial_cue", "headline_side", "unnamed_speaker", "log_articles",
            "context_dispute", "context_agree", "denied_same_claim", "same_claim", "stance_agree",
            "strong_incompatibility", "named_speakers", "same_camp")
# Incompatibilities that say the two sides cannot both hold whatever else they say (a denial, another
# figure, the two ends of one polar frame); a negation or antonym somewhere in the pair often belongs
# to another clause (labelled rows: 8 of 21 genuine with these, 3 of 41 with the others).
STRONG_INCOMPATIBILITY = frozenset({"denial", "different figures", "opposite on one polar frame"})
NOT_A_NAME = PRONOUNS | {"a", "an", "the"}


@dataclass(frozen=True)
class Side:
    """One side of a conflict as a report shows it."""

    text: str
    direct: bool = False
    speaker_text: str | None = None
    cue: str | None = None
    headline: bool = False
    resolved: bool = False  # the speaker is a resolved entity
    context: str = ""  # the article text around the statement (`CONTEXT` characters each side)


def context_of(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT):start] + " " + text[end:end + CONTEXT]


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9$%]+", text.lower()) if w not in STOP and len(w) > 1}


def overlap(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def not_a_sentence(text: str) -> bool:
    """A proposition a reader cannot check on its own: a bare pronoun subject, a fragment starting
    "To ...", or a lowercase start (a clause cut out of a sentence)."""
    words = text.strip().strip("\"'“”‘’").split()
    if not words:
        return True
    first = words[0].lower()
    return first in PRONOUNS or first == "to" or words[0][:1].islower()


def named_speaker(speaker_text: str | None) -> bool:
    """The speaker is named as one person or body ("Mr. Gravano", "New Jersey Gov. Chris Christie"), not
    described ("the spokesman", "a report"), a pronoun, or two speakers joined ("Childs and the ...")."""
    words = (speaker_text or "").split()
    return (bool(words) and words[0][:1].isupper() and words[0].lower() not in NOT_A_NAME
            and not {w.lower() for w in words} & {"and", "or", "&"})


def same_camp(a: str | None, b: str | None) -> bool:
    """One side's speaker speaks for the other's, or is the other: the shorter speaker text's last name
    inside the other's longer description ("Cruz" / "Cruz spokeswoman Catherine Frazier", "a Clinton
    campaign spokesman"; "Clinton" / "former president Bill Clinton": one person split in two, or kin)."""
    wa, wb = (a or "").split(), (b or "").split()
    if not wa or not wb or wa == wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    name = short[-1].strip(".,")
    return name[:1].isupper() and name.lower() not in NOT_A_NAME and name in long


def strong_incompatibility(sides: Sequence[Side]) -> bool:
    if len(sides) != 2:
        return False
    a, b = sides
    return incompatibility(a.text, a.cue, b.text, b.cue, same_claim(a.text, b.text)) in STRONG_INCOMPATIBILITY


def features_of(sides: Sequence[Side], proposition: str | None, n_articles: int) -> dict[str, float]:
    words = [content_words(s.text) for s in sides]
    prop_words = content_words(proposition or "")
    negated = [bool(NEGATION.search(s.text)) for s in sides]
    return {
        "bias": 1.0,
        "direct_share": sum(s.direct for s in sides) / max(1, len(sides)),
        "pronoun_speaker": float(any((s.speaker_text or "").strip().lower() in PRONOUNS for s in sides
                                     if not s.headline)),
        "fragment": float(any(not s.headline and (len(s.text.split()) < 6 or s.text.lower().startswith("to "))
                              for s in sides)),
        "side_overlap": overlap(words[0], words[1]) if len(words) == 2 else 0.0,
        "prop_overlap": min((len(prop_words & w) / len(prop_words) for w in words), default=0.0) if prop_words else 0.0,
        "prop_not_sentence": float(not_a_sentence(proposition)) if proposition else 0.0,
        "one_negated": float(len(negated) == 2 and negated[0] != negated[1]),
        "denial_cue": float(any(DENIAL_CUES.match(s.cue or "") for s in sides)),
        "headline_side": float(any(s.headline for s in sides)),
        "unnamed_speaker": float(any(not s.headline and not s.resolved for s in sides)),
        "log_articles": math.log1p(n_articles),
        "context_dispute": sum(bool(DISPUTE.search(s.context)) for s in sides) / max(1, len(sides)),
        "context_agree": sum(bool(AGREE.search(s.context)) for s in sides) / max(1, len(sides)),
        # one side denies what the other said, in the same words: "X reported that P" / "Y denied that P"
        "denied_same_claim": float(any(DENIAL_CUES.match(s.cue or "") for s in sides))
                             * (overlap(words[0], words[1]) if len(words) == 2 else 0.0),
        # the same predicate about the same thing (`sameclaim`), and the stance engine's reading of
        # the pair (> 0: the two sides agree)
        "same_claim": same_claim(sides[0].text, sides[1].text).score if len(sides) == 2 else 0.0,
        "stance_agree": stance_agreement(sides[0].text, sides[1].text) if len(sides) == 2 else 0.0,
        # the incompatibility `polarity` finds between the two texts is one of the strong kinds
        "strong_incompatibility": float(strong_incompatibility(sides)),
        # share of the statement sides whose speaker is named (narration and descriptions are not)
        "named_speakers": sum(named_speaker(s.speaker_text) for s in sides if not s.headline)
                          / max(1, sum(not s.headline for s in sides)),
        "same_camp": float(len(sides) == 2 and same_camp(sides[0].speaker_text, sides[1].speaker_text)),
    }


@lru_cache(maxsize=1)
def load_weights() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(WEIGHTS.read_text(encoding="utf-8"))["kinds"]
    return data


def probability(kind: str, feats: Mapping[str, float]) -> float | None:
    """The calibrated probability that an item of `kind` is genuine, or None for a kind not calibrated."""
    model = load_weights().get(kind)
    if model is None:
        return None
    weights = model["weights"]
    assert isinstance(weights, dict)
    z = sum(float(weights.get(name, 0.0)) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(kind: str) -> float:
    model = load_weights().get(kind)
    return float(model["threshold"]) if model else 0.0  # type: ignore[arg-type]


def sides_of(conflict: Conflict, statements: Mapping[str, Statement], texts: Mapping[str, str]) -> list[Side]:
    out = []
    for ev in conflict.evidence:
        st = statements.get(ev.statement or "")
        headline = ev.field == "title"
        context = "" if headline else context_of(texts.get(ev.article_id, ""), ev.start, ev.end)
        out.append(Side(text=ev.text, direct=bool(st and st.direct), speaker_text=st.speaker_text if st else None,
                        cue=st.cue if st else None, headline=headline, resolved=bool(ev.speaker), context=context))
    return out


def calibrate(conflict: Conflict, statements: Mapping[str, Statement], propositions: Mapping[str, str],
              texts: Mapping[str, str]) -> Conflict:
    """The conflict with its calibrated confidence and `uncertain` flag (other kinds unchanged)."""
    if conflict.kind not in CALIBRATED:
        return conflict
    prop = propositions.get(conflict.proposition or "")
    feats = features_of(sides_of(conflict, statements, texts), prop, len(conflict.articles))
    p = probability(conflict.kind.value, feats)
    if p is None:
        return conflict
    # 4 decimals, as the thresholds: a shown item never prints below its threshold
    return replace(conflict, confidence=round(p, 4), uncertain=p < threshold(conflict.kind.value))
