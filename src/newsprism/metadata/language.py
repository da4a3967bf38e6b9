"""Language identification with py3langid: ISO 639-1, or None when the text does not tell.

Thresholds calibrated on 221 texts (corpus/webpages pages that declare <html lang>, 40 PolNeAR dev
texts), classifying windows of n characters: at n=20 a third abstain at any confidence and 7%
of the rest are wrong; from n=40 with confidence >= 0.8, 73% answer at the precision of the whole
texts (95%; the residual errors are mostly pages that declare the wrong language); at n=60, 89%.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

METHOD = "newsprism.metadata.language.v1"
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.8
# Beyond this the answer no longer changes, only the cost grows.
MAX_CHARS = 10_000


@lru_cache(maxsize=1)
def load_identifier() -> LanguageIdentifier:
    """The model, loaded once (0.5 s) with probabilities normalised so confidence is comparable."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language; None below 40 letters or 0.8 confidence."""
    sample = text[:MAX_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    language, confidence = load_identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or len(language) != 2:
        return None
    return str(language)
