"""Per-article mentions and local coreference: names, role descriptions and pronouns.

Names come from spaCy NER, cleaned of determiners, possessives and leading titles; the title or
apposition next to a person's name becomes the mention's role. Local entities get keys "local:N".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsprism.statements.cues import (
    FEMALE_PRONOUNS,
    HONORIFICS,
    MALE_PRONOUNS,
    ROLE_NOUNS,
)
from newsprism.statements.first_names import first_name_gender
from newsprism.statements.frames import is_subject_apposition
from newsprism.statements.name_types import NAME_TYPES, WORK_TYPES, typed_names, with_coordinated_tails
from newsprism.statements.names import (
    TITLE_WORDS,
    fold,
    name_words,
    place_key,
    role_matches,
    role_words,
    same_word,
    synonym_set,
)
from newsprism.statements.org_kinds import name_kind, share_kinds, stated_kind
from newsprism.statements.party_labels import party_label

_TITLE_WORDS = ROLE_NOUNS | {"defense", "defence", "press", "foreign", "state", "white", "house",
                             "prime", "vice", "deputy", "first", "lady", "treasury", "of", "the"}
_SKIP_LEFT = frozenset({"det", "punct", "case", "cc"})


@dataclass
class LocalEntity:
    key: str
    type: str
    words: list[str] = field(default_factory=list)  # name words of the fullest name (persons)
    place: str | None = None  # place_key of places and organisations
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" when known
    kind: str | None = None  # organisations: "company", "newspaper", ... (org_kinds.py)


@dataclass(frozen=True)
class RawMention:
    start_tok: int  # token range [start_tok, end_tok)
    end_tok: int
    start: int  # char offsets
    end: int
    text: str
    type: str
    kind: str
    role: str | None = None
    head: int = -1  # head token index
    subject: bool = False  # the head is a clause subject


@dataclass
class MentionTable:
    """Mentions of one article with their local entity keys; `by_token` indexes heads and names."""

    mentions: list[RawMention] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    entities: dict[str, LocalEntity] = field(default_factory=dict)
    by_token: dict[int, int] = field(default_factory=dict)
    _persons: tuple[list[RawMention], list[tuple[RawMention, str]]] | None = None

    def add(self, mention: RawMention, key: str | None) -> int:
        self.mentions.append(mention)
        self.keys.append(key)
        index = len(self.mentions) - 1
        for i in range(mention.start_tok, mention.end_tok):
            self.by_token.setdefault(i, index)
        return index

    def named_key(self, token: int, entity_type: str) -> str | None:
        """The key of the entity of type `entity_type` that a name mention at `token` refers to."""
        index = self.by_token.get(token)
        if index is None or self.mentions[index].kind != "name":
            return None
        key = self.keys[index]
        return key if key is not None and self.entities[key].type == entity_type else None

    def person_mentions(self, quoted: Sequence[tuple[int, int]]) -> list[tuple[RawMention, str]]:
        """Named or described persons outside quotes, in text order (cached until the next add)."""
        if self._persons is None or len(self._persons[0]) != len(self.mentions):
            found = []
            for mention, key in zip(self.mentions, self.keys, strict=True):
                if key is None or mention.kind == "pronoun" or self.entities[key].type != "PERSON":
                    continue
                if any(s <= mention.start < e for s, e in quoted):
                    continue
                found.append((mention, key))
            found.sort(key=lambda mk: mk[0].start)
            self._persons = (list(self.mentions), found)
        return self._persons[1]

    def add_person(self, mention: RawMention, words: list[str]) -> str:
        """A new person for a name NER missed (a speaker "D’Souza replied"), with its mention."""
        key = f"local:{len(self.entities)}"
        gender = first_name_gender(words[0]) if len(words) > 1 else None
        self.entities[key] = LocalEntity(key=key, type="PERSON", words=words, gender=gender)
        self.add(mention, key)
        return key

    def add_org(self, mention: RawMention, kind: str | None) -> str:
        """A new organisation for a name NER missed (a website speaker "GunBroker.com said"), or the
        one already named so, with this mention."""
        place = place_key(mention.text)
        key = next((k for k, e in self.entities.items() if e.type == "ORG" and e.place == place), None)
        if key is None:
            key = f"local:{len(self.entities)}"
            self.entities[key] = LocalEntity(key=key, type="ORG", place=place, kind=kind)
        self.add(mention, key)
        return key

    def person_by_words(self, words: list[str]) -> str | None:
        order = [k for k in self.entities]
        return _person_key(self, words, order)


def _clean_name_span(ent: Span) -> Span | None:
    """Drop leading determiners/titles/honorifics and trailing possessives from an entity span."""
    doc = ent.doc
    start, end = ent.start, ent.end
    # "Vox Populi (Voice of the People": NER stopped inside a parenthesis; the name is before it.
    opened = [t.i for t in ent if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:end]):
        end = opened[-1]
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    if ent.label_ == "PERSON":
        while start < end - 1 and (doc[start].lower_ in _TITLE_WORDS or doc[start].lower_ in HONORIFICS
                                   or doc[start].ent_type_ in {"GPE", "NORP"}):
            start += 1
    return doc[start:end] if end > start else None


def title_before(doc: Doc, start: int) -> Span | None:
    """The title written right before a name: "U.S. Secretary of Defense" Pete Hegseth."""
    i = start
    while i > 0:
        tok = doc[i - 1]
        if tok.is_punct and tok.text != "-" or tok.is_space or tok.pos_ in {"VERB", "AUX", "ADP"} \
                and tok.lower_ != "of" or tok.pos_ == "DET" and tok.lower_ != "the":
            break
        if tok.tag_ == "POS" or tok.lower_ in HONORIFICS:
            break
        if tok.pos_ not in {"PROPN", "NOUN", "ADJ", "ADP", "DET", "PUNCT"}:
            break
        i -= 1
    while i < start and doc[i].lower_ in {"of", "the", "-", "."}:
        i += 1
    if i >= start:
        return None
    span = doc[i:start]
    if not any(t.lemma_.lower() in ROLE_NOUNS or t.lower_ in ROLE_NOUNS or t.lower_.rstrip(".") in TITLE_WORDS
               for t in span):
        return None
    # Keep only from the first capitalised word or role word, so "ally" in "ally General X" drops.
    return span


def apposition_of(token: Token, any_noun: bool = False) -> Span | None:
    """The apposition of a name whose head is a role noun: "John Coale, <deputy Ukraine envoy>,";
    with `any_noun`, any common-noun head ("Ben Carson, <a retired neurosurgeon>,")."""
    for child in token.children:
        # "X, the candidate stated": a noun phrase that is the next verb's subject describes nobody.
        if child.dep_ == "appos" and not is_subject_apposition(child) and \
                (child.lemma_.lower() in ROLE_NOUNS or child.lower_ in ROLE_NOUNS or any_noun and child.pos_ == "NOUN"):
            return _phrase_span(child)
    return None


def _phrase_span(head: Token) -> Span | None:
    """The noun phrase of `head` without its determiner, cut at the first comma after the head."""
    tokens = [t for t in head.subtree if not t.is_space]
    left, right = tokens[0].i, tokens[-1].i + 1
    doc = head.doc
    while left < right and (doc[left].pos_ == "DET" or doc[left].is_punct):
        left += 1
    while right > left and doc[right - 1].is_punct:
        right -= 1
    # An apposition never runs past the next comma: relative clauses follow it.
    for j in range(head.i, right):
        if doc[j].text == ",":
            right = j
            break
    return doc[left:right] if right > left else None


# Longest run of descriptive words taken from before a name ("Republican presidential candidate").
_EPITHET_TOKENS = 6


def epithet_before(doc: Doc, start: int) -> Span | None:
    """Descriptive words right before a name that hold a common noun but no listed title:
    "retired neurosurgeon Ben Carson", "GOP front-runner Donald Trump"."""
    i = start
    while i > 0 and start - i < _EPITHET_TOKENS:
        tok = doc[i - 1]
        if tok.tag_ == "POS" or tok.lower_ in HONORIFICS or tok.is_space:
            break
        # "Retired" opening a sentence is tagged a participle.
        if tok.pos_ not in {"ADJ", "NOUN", "PROPN"} and tok.tag_ != "VBN" and not (tok.text == "-" and i - 1 > 0):
            break
        i -= 1
    while i < start and doc[i].text == "-":
        i += 1
    span = doc[i:start]
    if not any(t.pos_ == "NOUN" and t.is_lower for t in span):
        return None
    return span


def copula_of(token: Token) -> Span | None:
    """What a copula says a name is: "Carson is <a retired neurosurgeon>", "Johnson, who is <the
    Wisconsin Republican> ..."."""
    verbs = [token.head] if token.dep_ == "nsubj" else []
    verbs += [c for c in token.children if c.dep_ == "relcl"]
    for verb in verbs:
        if verb.lemma_ != "be":
            continue
        for child in verb.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return _phrase_span(child)
    return None


def _person_key(table: MentionTable, words: list[str], order: list[str], gender: str | None = None) -> str | None:
    """The local person whose name is compatible with `words`, most recent first; a bare surname
    that several persons share ("Bush" after Laura, Jeb and George W. Bush) goes to the one the
    article has named most so far (the story's Bush, not the last one introduced). An honorific's
    `gender` ("Mr. Khan") rules out a person known to be of the other one (Ghazala Khan)."""
    if not words:
        return None
    if gender is not None:
        order = _agreeing(table, order, gender)
    if len(words) == 1:
        fitting = [key for key in order if _compatible(table.entities[key], words)]
        if len(fitting) > 1:
            named = Counter(k for m, k in zip(table.mentions, table.keys, strict=True) if m.kind == "name")
            return max(reversed(fitting), key=lambda key: named[key])
    return next((key for key in reversed(order) if _compatible(table.entities[key], words)), None)


def _agreeing(table: MentionTable, order: list[str], gender: str) -> list[str]:
    """`order` without the persons known (honorific, first name, role word) to be of the other gender."""
    known = {key: table.entities[key].gender or _name_gender(table.entities[key]) for key in order}
    return [key for key in order if known[key] in {gender, None}]


def _name_gender(ent: LocalEntity) -> str | None:
    by_name = first_name_gender(ent.words[0]) if len(ent.words) > 1 else None
    return by_name or _role_gender(ent.roles)


def _compatible(ent: LocalEntity, words: list[str]) -> bool:
    """Whether a person's name `words` can be another mention of the person `ent`."""
    surname, first = words[-1], words[0] if len(words) > 1 else None
    if ent.type != "PERSON" or not ent.words:
        return False
    if 1 < len(words) < len(ent.words) and words == ent.words[-len(words):]:
        return True  # a surname with its particle: "De Blasio" after "Bill de Blasio"
    if len(words) == 1 and len(ent.words) > 1 and same_word(words[0], ent.words[0]) and \
            not same_word(words[0], ent.words[-1]):
        return False
    if not same_word(surname, ent.words[-1]):
        return False
    ent_first = ent.words[0] if len(ent.words) > 1 else None
    return not (first and ent_first and not (same_word(first, ent_first) or first[0] == ent_first[0] and
                                             (len(first) <= 2 or len(ent_first) <= 2)))


def _new_entity(table: MentionTable, order: list[str], type_: str) -> LocalEntity:
    key = f"local:{len(table.entities)}"
    ent = LocalEntity(key=key, type=type_)
    table.entities[key] = ent
    order.append(key)
    return ent


def collect_names(doc: Doc, article_id: str, table: MentionTable) -> None:
    """Add name mentions from NER and cluster them into local entities."""
    order: list[str] = []
    person_surnames: dict[str, str] = {}
    cleaned = [(span, ent.label_) for ent in doc.ents if ent.label_ in NAME_TYPES | WORK_TYPES | {"NORP"}
               for span in (_clean_name_span(ent),) if span is not None and any(c.isalpha() for c in span.text)]
    cleaned = with_coordinated_tails(cleaned)
    for span, type_ in typed_names(doc, cleaned):
        words = name_words(span.text)
        # NER sometimes types a known surname as ORG/GPE: trust the person seen before.
        if type_ != "PERSON" and len(words) == 1 and words[0] in person_surnames:
            type_ = "PERSON"
        role = None
        if type_ == "PERSON":
            title = title_before(doc, span.start)
            appos = apposition_of(span.root)
            role = (appos.text if appos is not None else None) or (title.text if title is not None else None)
            # Epithets the story gives the person: what "the retired neurosurgeon" can refer to.
            epithets = (apposition_of(span.root, any_noun=True) if appos is None else None,
                        epithet_before(doc, span.start) if title is None else None, copula_of(span.root))
            label = party_label(doc.text[span.end_char:span.end_char + 16])
            # "Sen. Marco Rubio, R-Fla." is "the Florida senator" and "the Florida Republican".
            labelled = f"{label} {title.text}" if label and title is not None else label
            role = role or next((e.text for e in epithets if e is not None), None) or labelled
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            key = _person_key(table, words, order, HONORIFICS.get(before))
            if key is None:
                ent_obj = _new_entity(table, order, "PERSON")
                ent_obj.words = words
            else:
                ent_obj = table.entities[key]
                if len(words) > len(ent_obj.words):
                    ent_obj.words = words
            for role_text in (*(r.text for r in (title, appos, *epithets) if r is not None), labelled):
                if role_text is not None and role_text not in ent_obj.roles:
                    ent_obj.roles.append(role_text)
            for tok in (doc[span.start - 1] if span.start > 0 else None, doc[span.start]):
                if tok is not None and tok.lower_ in HONORIFICS and HONORIFICS[tok.lower_]:
                    ent_obj.gender = HONORIFICS[tok.lower_]
            if words:
                person_surnames[words[-1]] = ent_obj.key
        else:
            pkey = place_key(span.text)
            known = next((table.entities[k] for k in order
                          if table.entities[k].place == pkey and table.entities[k].type == type_), None)
            if known is None:
                known = _new_entity(table, order, type_)
                known.place = pkey
            ent_obj = known
            # What the article says the organisation is beats what its name suggests.
            stated = stated_kind(span)
            if stated is not None or ent_obj.kind is None:
                ent_obj.kind = stated or name_kind(span.text)
        mention = RawMention(span.start, span.end, span.start_char, span.end_char, span.text, type_,
                             "name", role, span.root.i, _is_subject(span.root))
        table.add(mention, ent_obj.key)
    shared = share_kinds([(e.place, e.kind) for e in table.entities.values() if e.type != "PERSON"])
    for entity in table.entities.values():
        if entity.type == "ORG" and entity.kind is None and entity.place in shared:
            entity.kind = shared[entity.place]
    del article_id


def _is_subject(root: Token) -> bool:
    """A clause subject, the focus of a cleft, the example of a subject ("say experts like Paul
    Bauman, ... is the ground") or the owner of a thing that is a subject ("Trump's beef with Fox
    News was aimed at ..."): the topic a later "he" continues. The owner of a person ("Trump's
    deputy") is not."""
    if root.dep_ in {"nsubj", "nsubjpass"}:
        # "hold Snyder accountable", "for him to go": the subject of a non-finite clause is not the topic.
        return _is_finite(root.head)
    if _imperative_object(root):
        return True  # "Just look at House Speaker Paul D. Ryan. He's said ...": the one pointed to
    opening = root.sent[:root.i - root.sent.start]
    if root.dep_ == "ROOT" and root.pos_ == "PROPN" and all(t.dep_ == "compound" for t in opening) \
            and any(t.pos_ == "VERB" for t in root.sent):
        # "Trump, when asked ..., often steam-rolls": the tagger read the verb as a noun and left the
        # name that opens the sentence as its root; the sentence is still about that name.
        return True
    if root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}:
        return _is_finite(root.head.head)  # "Kazakhstan's foreign minister, Erlan Idrissov, plays down"
    if root.dep_ == "attr" and root.head.lemma_ == "be" and \
            any(c.dep_ == "nsubj" and c.lower_ == "it" for c in root.head.children):
        return True  # a cleft: "it was Trump who commanded most of the attention"
    if root.dep_ == "pobj" and root.head.lower_ in {"like", "including"} and \
            root.head.head.dep_ in {"nsubj", "nsubjpass"}:
        return True
    owned = root.head
    return root.dep_ == "poss" and owned.dep_ in {"nsubj", "nsubjpass"} and owned.pos_ == "NOUN" \
        and owned.lemma_.lower() not in ROLE_NOUNS and owned.ent_type_ == "" and \
        not any(c.dep_ == "appos" for c in owned.children)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _imperative_object(root: Token) -> bool:
    """The object of an imperative sentence's verb ("Just look at X", "Take X"): the verb is the
    sentence's root, in the base form, with no subject of its own."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    return root.dep_ in {"dobj", "pobj"} and verb.dep_ == "ROOT" and verb.tag_ == "VB" and \
        not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children)


def _is_finite(verb: Token) -> bool:
    """Whether the clause of `verb` is tensed: the verb or one of its auxiliaries carries tense
    ("Sanders did go", "was aimed"); a bare adjective or infinitive ("hold X accountable") does not."""
    return verb.tag_ in _FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS
                                            for c in verb.children)


def _description_span(token: Token) -> Span:
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"det", "amod", "compound", "nmod", "poss", "punct", "nummod"}:
            left = min(left, child.left_edge.i)
    doc = token.doc
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:token.i + 1]


def _is_description_head(token: Token, table: MentionTable) -> bool:
    if token.i in table.by_token or token.tag_ in {"NNS", "NNPS"}:
        return False
    word = token.lower_
    if not (token.lemma_.lower() in ROLE_NOUNS or word in ROLE_NOUNS or
            word == "american" and token.pos_ in {"PROPN", "NOUN"} and token.dep_ in {"nsubj", "nsubjpass"}):
        return False
    if token.dep_ in {"compound", "amod", "nmod"}:
        return False
    if token.pos_ == "PROPN" and token.head.pos_ == "PROPN" and token.head.i > token.i:
        return False  # a title before a name NER missed: "Secretary of the Treasury Scott Bessent"
    # Part of a title right before a name ("Defense Secretary Pete Hegseth"): not a description.
    head = token.head
    return not (head.i in table.by_token and head.i > token.i and head.ent_type_ == "PERSON")


def collect_descriptions(doc: Doc, table: MentionTable) -> None:
    """Add role descriptions ("the senior official"); resolve appositions and stated roles now."""
    for token in doc:
        if not _is_description_head(token, table):
            continue
        span = _description_span(token)
        key = None
        named = [table.named_key(c.i, "PERSON") for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos" and token.head.i in table.by_token and not is_subject_apposition(token):
            key = table.keys[table.by_token[token.head.i]]
        elif any(named):
            key = next(k for k in named if k)  # "Kazakhstan's foreign minister, Erlan Idrissov,"
        elif is_indefinite(token):
            key = None  # "A top aide said": someone new and unnamed, not a person named before
        else:
            key = resolve_by_role(table, span.text, token.lemma_.lower(), span.start_char)
        if key is None and not is_indefinite(token):
            key = _bridged_person(token, span, table)
        mention = RawMention(span.start, span.end, span.start_char, span.end_char, span.text, "PERSON",
                             "description", None, token.i, token.dep_ in {"nsubj", "nsubjpass"})
        table.add(mention, key)


# Descriptions an elected office holder can also be: "the candidate" may be the Ohio governor
# (not the FBI director).
CANDIDACY_NOUNS = frozenset({"candidate", "nominee"})
ELECTED_OFFICES = frozenset({"governor", "senator", "mayor", "representative", "congressman",
                             "congresswoman", "lawmaker", "president"})


def is_indefinite(head: Token) -> bool:
    """An indefinite description ("a top aide"): it introduces someone, it does not refer back."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "another", "one"} for c in head.children)


def _bridged_person(token: Token, span: Span, table: MentionTable) -> str | None:
    """The person a description opening a sentence as its subject names: the last person the sentence
    before names whose stated titles do not contradict it: "... saw a culprit in Alison Lundergan
    Grimes. The secretary of state ..."; "Rubio faltered ... from Christie (governor). The senator
    from Florida appeared"; a candidacy contradicts no elected office ("Gov. John Kasich" is "the
    candidate"). The description becomes that person's epithet, so a later "the secretary of state"
    finds her."""
    sent = token.sent
    if token.dep_ not in {"nsubj", "nsubjpass"} or span.start != sent.start or sent.start == 0:
        return None
    previous = token.doc[sent.start - 1].sent
    word = token.lemma_.lower()
    key = None
    # The person named last in that sentence, passing over those whose title says otherwise.
    for tok in reversed(previous):
        named = table.named_key(tok.i, "PERSON")
        if named is None:
            continue
        heads = {w for role in table.entities[named].roles for w in role_words(role)[1] if w in ROLE_NOUNS}
        if not heads or word in heads or word in CANDIDACY_NOUNS and heads <= ELECTED_OFFICES:
            key = named
            break
    if key is None:
        return None
    if span.text not in table.entities[key].roles:
        table.entities[key].roles.append(span.text)
    return key


def resolve_by_role(table: MentionTable, text: str, head: str, at: int) -> str | None:
    """The one person the article has given this role before `at`, else the unique one after.

    A description in a synonym set ("the Pentagon chief") may also point forward to a unique match.
    """
    before: set[str] = set()
    after: set[str] = set()
    for mention, key in zip(table.mentions, table.keys, strict=True):
        if key is None or mention.kind != "name" or mention.role is None:
            continue
        if role_matches(text, head, mention.role):
            if mention.start < at:
                before.add(key)
            else:
                after.add(key)
    if before:
        # Two people with the role ("the president": Trump and Biden) is no support for either.
        return next(iter(before)) if len(before) == 1 else None
    if len(after) == 1 and synonym_set(text) is not None:
        return next(iter(after))
    return None


def pronoun_gender(word: str) -> str | None:
    if word in MALE_PRONOUNS:
        return "m"
    if word in FEMALE_PRONOUNS:
        return "f"
    return None


def gender_fits(entity: LocalEntity, gender: str | None) -> bool:
    return gender is None or entity.gender is None or entity.gender == gender


# Role words that say the person's gender ("Joan, his daughter,"; "the actress").
FEMALE_ROLE_WORDS = frozenset({"actress", "spokeswoman", "congresswoman", "chairwoman", "businesswoman",
                               "wife", "mother", "daughter", "sister", "widow", "queen", "princess",
                               "woman", "girl", "lady", "grandmother", "aunt", "niece", "heiress"})
MALE_ROLE_WORDS = frozenset({"actor", "spokesman", "congressman", "chairman", "businessman", "husband",
                             "father", "son", "brother", "widower", "king", "prince", "man", "boy",
                             "grandfather", "uncle", "nephew"})


def word_gender(word: str) -> str | None:
    """'f' / 'm' for a gendered role word ("actress", "spokesman"), else None."""
    if word in FEMALE_ROLE_WORDS:
        return "f"
    if word in MALE_ROLE_WORDS:
        return "m"
    return None


def _role_gender(roles: Sequence[str]) -> str | None:
    found = {word_gender(w) for role in roles for w in fold(role).split()} - {None}
    return found.pop() if len(found) == 1 else None


def learn_genders(doc: Doc, table: MentionTable, quoted: Sequence[tuple[int, int]]) -> None:
    """Fill in unknown person genders: first name, role words, then the article's own pronouns.

    A sentence that names exactly one person (outside quotes) and then uses he/his/him (or
    she/her) of one gender only, outside quotes, tells that person's gender ("Page avoided the
    camera after her modeling years"). Without genders a "she" speaker goes to the nearest man.
    """
    for entity in table.entities.values():
        if entity.type != "PERSON" or entity.gender is not None:
            continue
        by_name = first_name_gender(entity.words[0]) if len(entity.words) > 1 else None
        entity.gender = by_name or _role_gender(entity.roles)
    for sent in doc.sents:
        _learn_from_sentence(sent, table, quoted)


def _learn_from_sentence(sent: Span, table: MentionTable, quoted: Sequence[tuple[int, int]]) -> None:
    persons: dict[str, int] = {}  # key -> first token of its first mention in the sentence
    genders: set[str] = set()
    first_pronoun = -1
    for tok in sent:
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        gender = pronoun_gender(tok.lower_)
        if gender is not None:
            genders.add(gender)
            first_pronoun = tok.i if first_pronoun < 0 else first_pronoun
            continue
        key = table.named_key(tok.i, "PERSON")
        if key is not None:
            persons.setdefault(key, tok.i)
    if len(persons) != 1 or len(genders) != 1:
        return
    ((key, at),) = persons.items()
    if at < first_pronoun and table.entities[key].gender is None:
        table.entities[key].gender = genders.pop()
