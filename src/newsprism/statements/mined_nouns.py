"""Noun-cue frames mined from PolNeAR train/ by `eval/polnear.py --mine`; do not edit."""

NOUN_FRAMES: dict[str, frozenset[str]] = {lemma: frozenset(kinds.split()) for lemma, kinds in {
    'assertion': 'that',
    'comment': 'prep:about',
    'complaint': 'that',
    'concern': 'that',
    'confidence': 'that',
    'decision': 'prep:on',
    'defense': 'prep:of',
    'detail': 'prep:about',
    'doubt': 'that',
    'mention': 'prep:of',
    'message': 'prep:about',
    'preview': 'prep:of',
    'proposal': 'prep:for',
    'sign': 'prep:of',
    'statement': 'that',
    'story': 'prep:about',
    'suggestion': 'that',
}.items()}
