"""The one py3langid classifier of a process, and its cache of classified samples.

Apart from `metadata.language` (which reads the text's sample through `clean.features`) so that the
cleaner can classify its own sample without importing the metadata reader.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Distinct samples remembered: the cleaner and the metadata reader may classify the same sample
# (an article whose longest lines survive cleaning), and re-ingests repeat whole texts.
CACHE_SIZE = 2048


@lru_cache(maxsize=1)
def load_identifier() -> LanguageIdentifier:
    """The model, loaded once (0.5 s) with probabilities normalised so confidence is comparable."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=CACHE_SIZE)
def classify_sample(sample: str) -> tuple[str, float]:
    """(language, normalised confidence) of a sample, cached: the one shared detector per process."""
    language, confidence = load_identifier().classify(sample)
    return str(language), float(confidence)
