"""Entity linking's blocked clustering (`linking._cluster`) against the all-pairs reference it replaced."""

from __future__ import annotations

import random

from newsprism.model import Annotation, Mention
from newsprism.statements.linking import _cluster, _collect, _first_names_fit, link_entities
from newsprism.statements.names import place_key, same_word


def _reference_cluster(locals_):
    """The original quadratic scan: every local against every cluster so far, in creation order."""
    clusters = []
    for local in sorted(locals_.values(), key=lambda loc: (-len(loc.words), loc.ref)):
        target = None
        if local.type == "PERSON" and local.words:
            fits = [c for c in clusters if c[0].type == "PERSON" and c[0].words and
                    same_word(c[0].words[-1], local.words[-1]) and _first_names_fit(c[0].words, local.words)]
            if len(local.words) == 1 and fits:
                target = max(fits, key=lambda c: (sum(x.mentions for x in c), c[0].ref))
            elif fits:
                target = fits[0]
        elif local.type != "PERSON":
            key = place_key(local.names[0])
            target = next((c for c in clusters if c[0].type != "PERSON" and
                           any(place_key(n) == key for x in c for n in x.names)), None)
        if target is None:
            clusters.append([local])
        else:
            target.append(local)
    return clusters


FIRST = ["Anna", "Ann", "Pete", "Peter", "J.", "Volodymyr", "Olaf", "Ola"]
LAST = ["Zelensky", "Zelenskiy", "Zelenskyy", "Hegseth", "Hegseth's", "Scholz", "Scholtz", "Schulz",
        "Biden", "Boden", "Lee", "Li", "Smith", "Smyth", "Kowalski", "Kovalsky"]
PLACES = ["Kyiv", "Kiev", "the U.S.", "US", "United States", "NATO", "Nato", "Brussels", "the Kremlin",
          "Kremlin", "Moscow"]


def _annotations(rng: random.Random, n: int) -> list[Annotation]:
    out = []
    for a in range(n):
        mentions = []
        for k in range(rng.randint(1, 12)):
            local = f"local:{rng.randint(0, 6)}"
            if rng.random() < 0.6:
                words = [rng.choice(LAST)] if rng.random() < 0.4 else [rng.choice(FIRST), rng.choice(LAST)]
                text, type_ = " ".join(words), rng.choice(["PERSON", "PERSON", "PERSON", "ORG"])
            else:
                text, type_ = rng.choice(PLACES), rng.choice(["GPE", "ORG", "PERSON"])
            mentions.append(Mention(f"a{a}", k, k + 1, text, type_, "name", local))
        out.append(Annotation(f"a{a}", mentions=tuple(mentions)))
    return out


def test_blocked_clustering_equals_the_all_pairs_scan():
    for seed in range(30):
        locals_ = _collect(_annotations(random.Random(seed), 25))
        got = [[x.ref for x in c] for c in _cluster(locals_)]
        want = [[x.ref for x in c] for c in _reference_cluster(locals_)]
        assert got == want, seed


def test_spelling_variants_still_link():
    annotations = [Annotation("a", mentions=(Mention("a", 0, 5, "Volodymyr Zelensky", "PERSON", "name", "local:0"),
                                             Mention("a", 9, 13, "Kiev", "GPE", "name", "local:1"))),
                   Annotation("b", mentions=(Mention("b", 0, 5, "Zelenskiy", "PERSON", "name", "local:0"),
                                             Mention("b", 9, 13, "Kyiv", "GPE", "name", "local:1")))]
    entities, _ = link_entities([], annotations)
    assert len(entities) == 2  # one person, one place
