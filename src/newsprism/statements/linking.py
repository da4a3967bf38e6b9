"""link_entities(): one Entity per real person, organisation or place across a story's articles.

Persons match on a fuzzy surname (`names.same_word`: Zelensky/Zelenskiy/Zelenskyy) with compatible
first names; a surname alone joins the most-mentioned full name with that surname. Places and
organisations match on `names.place_key` (spelling variants table: Kiev = Kyiv). Descriptions left
unresolved in their article ("the Pentagon chief") resolve across the story only through the
role-synonym table and only to a unique entity. Ids are "ent-" + a hash of type and canonical name.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsprism.model import Annotation, Article, Entity, Mention
from newsprism.statements.cues import PLACE_VARIANTS
from newsprism.statements.names import fold, name_words, place_key, role_matches, same_word, synonym_set

_KNOWN_PLACES = frozenset(PLACE_VARIANTS.values())


@dataclass
class _Local:
    ref: tuple[str, str]  # (article id, local key)
    types: Counter[str] = field(default_factory=Counter)
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: int = 0

    @property
    def type(self) -> str:
        return sorted(self.types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def words(self) -> list[str]:
        return max((name_words(n) for n in self.names), key=lambda w: (len(w), w), default=[])


def _collect(annotations: Sequence[Annotation]) -> dict[tuple[str, str], _Local]:
    locals_: dict[tuple[str, str], _Local] = {}
    for annotation in annotations:
        for mention in annotation.mentions:
            if mention.entity is None:
                continue
            ref = (annotation.article_id, mention.entity)
            local = locals_.setdefault(ref, _Local(ref))
            local.mentions += 1
            if mention.kind == "name":
                # NER types a known place as a person now and then ("Kyiv"): the variants table wins.
                known_place = place_key(mention.text) in _KNOWN_PLACES
                local.types["GPE" if known_place else mention.type] += 1
                local.names.append(mention.text)
            if mention.role:
                local.roles.append(mention.role)
    return {ref: local for ref, local in locals_.items() if local.names}


def _first_names_fit(a: list[str], b: list[str]) -> bool:
    if len(a) < 2 or len(b) < 2:
        return True
    return same_word(a[0], b[0]) or a[0][0] == b[0][0] and min(len(a[0]), len(b[0])) <= 2


class _PersonIndex:
    """Person clusters by the deletion variants of their surname (up to two letters deleted).

    `same_word` needs equal first letters and at most two edits, and two words within two edits
    share a variant with at most two letters deleted from each (a substitution deletes from both, an
    insertion from the other). So only clusters sharing a (first letter, variant) key can fit:
    linking stays near-linear in the number of local entities instead of comparing every one with
    every cluster so far."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], list[int]] = {}

    def add(self, surname: str, cluster: int) -> None:
        for variant in _deletions(surname):
            self._buckets.setdefault((surname[:1], variant), []).append(cluster)

    def candidates(self, surname: str) -> list[int]:
        """Cluster numbers that may fit, in creation order (the order `_cluster` scans them in)."""
        found: set[int] = set()
        for variant in _deletions(surname):
            found.update(self._buckets.get((surname[:1], variant), ()))
        return sorted(found)


def _deletions(word: str, most: int = 2) -> set[str]:
    """`word` and every string made from it by deleting up to `most` letters."""
    found = {word}
    layer = {word}
    for _ in range(most):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        found |= layer
    return found


def _cluster(locals_: dict[tuple[str, str], _Local]) -> list[list[_Local]]:
    """Greedy clustering, fullest names first: a person joins the first cluster (in creation order)
    whose founder's surname and first names fit; a bare surname the most-mentioned fitting one; a
    place or organisation the first cluster holding a name with its `place_key`."""
    # `type` and `words` are derived from the names; computed once per local, not per comparison.
    types = {ref: local.type for ref, local in locals_.items()}
    words = {ref: local.words for ref, local in locals_.items()}
    clusters: list[list[_Local]] = []
    persons = _PersonIndex()
    places: dict[str, int] = {}  # place_key -> first cluster holding a name with that key
    surname: dict[int, str] = {}  # person cluster -> its founder's surname (the key it is indexed by)
    mentions: list[int] = []  # cluster -> mentions of its members so far
    pairs: dict[tuple[str, str], bool] = {}

    def close(a: str, b: str) -> bool:
        if (a, b) not in pairs:
            pairs[(a, b)] = same_word(a, b)
        return pairs[(a, b)]

    ordered = sorted(locals_.values(), key=lambda loc: (-len(words[loc.ref]), loc.ref))
    for local in ordered:
        target: list[_Local] | None = None
        found: int | None = None  # the target's number, for places
        mine = words[local.ref]
        if types[local.ref] == "PERSON" and mine:
            candidates = persons.candidates(mine[-1])
            # Common surnames found many clusters: compare each distinct founder surname once, and
            # each pair of surnames once per call (at 4,096 articles, 1.8M comparisons of ~100k pairs).
            near = {s for s in {surname[i] for i in candidates} if close(s, mine[-1])}
            fits = [i for i in candidates
                    if surname[i] in near and _first_names_fit(words[clusters[i][0].ref], mine)]
            if len(mine) == 1 and fits:
                found = max(fits, key=lambda i: (mentions[i], clusters[i][0].ref))
            elif fits:
                found = fits[0]
            target = clusters[found] if found is not None else None
        elif types[local.ref] != "PERSON":
            found = places.get(place_key(local.names[0]))
            target = clusters[found] if found is not None else None
        if target is None:
            clusters.append([local])
            found = len(clusters) - 1
            mentions.append(0)
            if types[local.ref] == "PERSON" and mine:
                persons.add(mine[-1], found)
                surname[found] = mine[-1]
        else:
            target.append(local)
        if found is not None:
            mentions[found] += local.mentions
        if types[local.ref] != "PERSON" and found is not None:
            for name in local.names:
                key = place_key(name)
                places[key] = min(places.get(key, found), found)
    return clusters


def _canonical_name(cluster: list[_Local]) -> str:
    counts = Counter(n for local in cluster for n in local.names)
    stripped: Counter[str] = Counter()
    for name, count in counts.items():
        words = name.split()
        while len(words) > 1 and fold(words[0]) in {"mr", "mrs", "ms", "dr", "the"}:
            words = words[1:]
        stripped[" ".join(words)] += count
    return sorted(stripped.items(), key=lambda kv: (-len(kv[0].split()), -kv[1], kv[0]))[0][0]


def _entity_id(type_: str, name: str) -> str:
    return "ent-" + hashlib.sha1(f"{type_}|{fold(name)}".encode()).hexdigest()[:10]


def link_entities(articles: Sequence[Article], annotations: Sequence[Annotation]
                  ) -> tuple[tuple[Entity, ...], tuple[Annotation, ...]]:
    """Global entities for the story and the annotations rewritten to their ids."""
    del articles  # entity evidence is in the annotations' mentions
    locals_ = _collect(annotations)
    mapping: dict[tuple[str, str], str] = {}
    entities: list[Entity] = []
    for cluster in _cluster(locals_):
        type_ = Counter(local.type for local in cluster).most_common(1)[0][0]
        name = _canonical_name(cluster)
        entity_id = _entity_id(type_, name)
        for local in cluster:
            mapping[local.ref] = entity_id
        entities.append(Entity(id=entity_id, name=name, type=type_, aliases=(),
                               roles=tuple(sorted({r for local in cluster for r in local.roles}))))
    by_role = _role_index(entities)
    aliases: dict[str, set[str]] = {e.id: set() for e in entities}
    linked = []
    for annotation in annotations:
        mentions = []
        for mention in annotation.mentions:
            entity = mapping.get((annotation.article_id, mention.entity)) if mention.entity else None
            if entity is None and mention.kind == "description":
                entity = _by_role(by_role, mention.text)
            if entity is not None and mention.kind != "pronoun":
                aliases[entity].add(mention.text)
            mentions.append(replace(mention, entity=entity))
        statements = []
        for statement in annotation.statements:
            speaker = mapping.get((annotation.article_id, statement.speaker)) if statement.speaker else None
            if speaker is None and statement.speaker is None and statement.speaker_start is not None:
                speaker = _speaker_from_mentions(mentions, statement.speaker_start, statement.speaker_end)
            if speaker is None and statement.speaker is None and statement.speaker_text:
                speaker = _by_epithet(entities, statement.speaker_text)
            statements.append(replace(statement, speaker=speaker))
        linked.append(replace(annotation, mentions=tuple(mentions), statements=tuple(statements)))
    entities = [replace(e, aliases=tuple(sorted(aliases[e.id]))) for e in entities]
    return tuple(sorted(entities, key=lambda e: e.id)), tuple(linked)


def _role_index(entities: Sequence[Entity]) -> dict[int, set[str]]:
    index: dict[int, set[str]] = {}
    for entity in entities:
        for role in entity.roles:
            synonyms = synonym_set(role)
            if synonyms is not None:
                index.setdefault(synonyms, set()).add(entity.id)
    return index


def _by_role(index: dict[int, set[str]], description: str) -> str | None:
    synonyms = synonym_set(description)
    found = index.get(synonyms, set()) if synonyms is not None else set()
    return next(iter(found)) if len(found) == 1 else None


def _by_epithet(entities: Sequence[Entity], description: str) -> str | None:
    """The one person of the story that any article gave this epithet: "the retired neurosurgeon"
    left unresolved in its article is Ben Carson when another wrote "retired neurosurgeon Ben Carson".
    Only definite singular descriptions; two fitting persons is no answer."""
    words = description.split()
    if len(words) < 2 or fold(words[0]) not in {"the", "this"} or not words[-1].isalpha() \
            or words[-1][:1].isupper() and fold(words[-1]) not in _PARTY_WORDS:
        return None
    head = words[-1]
    persons = [e for e in entities if e.type == "PERSON"]
    found = {e.id for e in persons if any(role_matches(description, head, role) for role in e.roles)}
    if not found:
        # No role holds every word: the one person whose role holds the head noun ("the senator").
        found = {e.id for e in persons if any(fold(head) in fold(role).split() for role in e.roles)}
    return found.pop() if len(found) == 1 else None


# Capitalised words that head a person epithet ("The Wisconsin Republican").
_PARTY_WORDS = frozenset({"republican", "democrat", "independent", "senator", "governor", "president"})


def _speaker_from_mentions(mentions: Sequence[Mention], start: int | None, end: int | None) -> str | None:
    """A description speaker resolved only across articles ("the Pentagon chief said")."""
    for mention in mentions:
        if mention.kind == "description" and mention.entity and start is not None and end is not None \
                and start <= mention.start and mention.end <= end:
            return mention.entity
    return None
