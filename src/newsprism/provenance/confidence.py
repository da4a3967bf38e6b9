"""Calibrated confidence for derivations and distortions, and the threshold below which they are uncertain.

A logistic model per kind over a few readable signals (provenance/evidence.py for derivations; the
derivation's confidence, the check and how closely the two sentences correspond for distortions). The
weights and thresholds live in calibration.json, written by eval/calibrate_provenance.py from the labels
of eval/conflicts_real (fit on half the stories, threshold and precision checked on the other half;
the file records both halves' figures). An item whose confidence is below its kind's threshold
(where labelled precision reaches 0.9) is marked `uncertain`: kept, shown only on request.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from newsprism.model import DerivationEvidence

CALIBRATION = Path(__file__).with_name("calibration.json")
# The checks of conflicts/distortion.py in two groups with signals of their own (the rest, negation and
# hedge, are the baseline): ~150 labelled distortions do not carry one weight per check.
ATTRIBUTION_CHECKS = frozenset({"attribution", "quote"})
FIGURE_CHECKS = frozenset({"time", "number", "approximation", "name"})


@cache
def calibration() -> dict[str, Any]:
    """The stored weights and thresholds (read once)."""
    data: dict[str, Any] = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    return data


def derivation_signals(evidence: DerivationEvidence, wire: bool, cross_language: bool, score: float) -> list[float]:
    """The derivation model's inputs, in the order of its weights (bias first)."""
    return [
        1.0,
        math.log1p(evidence.narrative_runs),
        evidence.narrative_share,
        math.log1p(evidence.narrative_sentences),
        math.log1p(evidence.near_identical),
        evidence.in_order,
        float(wire),
        float(cross_language),
        score,
    ]


def distortion_signals(derivation_confidence: float, check: str, correspondence: float, gap: bool) -> list[float]:
    """The distortion model's inputs: bias, the derivation's confidence, how closely the two sentences
    correspond, whether the pair was gap-filled, the check's group (and attribution x correspondence: a
    dropped "police said" counts only when the rest of the sentence is the same)."""
    attribution = float(check in ATTRIBUTION_CHECKS)
    return [1.0, derivation_confidence, correspondence, float(gap), attribution, attribution * correspondence,
            float(check in FIGURE_CHECKS)]


def predict(weights: Sequence[float], signals: Sequence[float]) -> float:
    z = sum(w * x for w, x in zip(weights, signals, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _confidence(kind: str, signals: Sequence[float]) -> tuple[float, bool]:
    model = calibration()[kind]
    if len(model["weights"]) != len(signals):
        # A calibration written for other signals: say so rather than score with misaligned weights.
        raise ValueError(f"{CALIBRATION.name}: {len(model['weights'])} {kind} weights for {len(signals)} signals; "
                         "run eval/calibrate_provenance.py --write")
    confidence = round(predict(model["weights"], signals), 4)
    return confidence, confidence < model["threshold"]


def derivation_confidence(signals: Sequence[float]) -> tuple[float, bool]:
    """(confidence, uncertain) of a derivation."""
    return _confidence("derivation", signals)


def distortion_confidence(signals: Sequence[float], anchored_date: bool = False) -> tuple[float, bool]:
    """(confidence, uncertain) of a distortion.

    A date changed in the same slot of two aligned sentences is shown when the calibration found such
    changes genuine inside real derivations (`anchored_date.shown`); its confidence is then the
    derivation's (signals[1]): the logistic model, with three such rows among ~120, cannot learn them."""
    confidence, uncertain = _confidence("distortion", signals)
    if anchored_date and calibration()["distortion"].get("anchored_date", {}).get("shown", False):
        return max(confidence, round(signals[1], 4)), False
    return confidence, uncertain
