"""Naming a proposition's subject from the sentences before its claim (issue 21).

`wording` words a proposition from the claim's own sentence. Two kinds of subject are named only
before it, in the article's words (its first two sentences, the title and lede where a report names
its event, and the two sentences before the claim's):
- an event or thing the claim calls by a definite description ("The shooting was going to be hard on
  everyone", "The fire began on the outside of the building"): the same noun a sentence before carries
  the modifiers that say which one ("the shooting of Sean Bell outside a Queens club"); the claim takes
  that noun phrase (its determiner, its modifiers and prepositional phrases, no relative clause), and
  only when it holds a name;
- a "he"/"she" leading a quote, or a claim whose speaker the article names after it ("He was wearing
  crampons, Gaskin said"): the speaker is not its referent; the nearest person the sentences before
  name (the entity recogniser's PERSON), other than the speaker, takes its place when that person's
  listed first name has the pronoun's gender and no other person of that gender (or of no listed
  gender) is named after them.
Nothing else is added: no date, no place the article does not tie to the same noun, and the claim's
words stay (a negator is never added or dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsprism.nlp.spacy import load_nlp
from newsprism.positions.stance import parse
from newsprism.positions.wording import QUOTES, SUBJECTS, ClaimSource, clean
from newsprism.statements.first_names import first_name_gender

# How much of the article before the claim's sentence is read: two sentences (a quote is often
# introduced by the sentence before it; an event is named once, then "the shooting").
PRECEDING_SENTENCES = 2
PRECEDING_CHARS = 1500
# The article's first sentences (title and lede) are read too: a report names its event there once.
LEDE_SENTENCES = 2
SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
# Parts of an earlier noun phrase that say which one it is; a relative clause or an apposition says more.
KEEP_LEFT = frozenset({"det", "amod", "compound", "nmod", "nummod", "poss", "case"})
PRONOUN_GENDER = {"he": "m", "she": "f"}


def preceding_text(text: str, begin: int) -> str:
    """The `PRECEDING_SENTENCES` sentences of `text` before offset `begin` (a paragraph break is
    crossed), after the article's lede (its first `LEDE_SENTENCES` sentences: where a report names its
    event) when the lede is not among them."""
    window = text[max(0, begin - PRECEDING_CHARS):begin]
    parts = [p.strip() for p in SPLIT.split(window) if p and p.strip()]
    near = parts[-PRECEDING_SENTENCES:]
    lede = [p.strip() for p in SPLIT.split(text[:min(begin, PRECEDING_CHARS)]) if p and p.strip()][:LEDE_SENTENCES]
    lede = [p for p in lede if p not in near and len(p) < begin]
    return " ".join(lede + near)


def context_wordings(src: ClaimSource, wordings: list[str]) -> list[str]:
    """Wordings of the claim with a subject named from before it, for each of `wordings`."""
    before = context_before(src)
    if not before:
        return []
    out: list[str] = []
    # the chosen text too: "He was the founder" reads as no claim, so no other wording starts from it
    for wording in dict.fromkeys([clean(src.text), *wordings]):
        for new in (described(wording, before), pronoun_named(wording, src, before)):
            if new and new != wording and new not in out:
                out.append(new)
    return out


def context_before(src: ClaimSource) -> str:
    """The article's words before the claim: the sentences before its sentence, then its sentence up to
    the content (or up to the speaker when the speaker comes first)."""
    starts = [src.content[0]] + ([src.speaker[0]] if src.speaker and src.speaker[0] < src.content[0] else [])
    return " ".join(x for x in (src.preceding, src.sentence[:min(starts)].strip(" " + QUOTES)) if x).strip()


@lru_cache(maxsize=256)
def context_doc(before: str) -> Doc:
    """The full parse (with the entity recogniser: PERSON) of the text before a claim, once per text."""
    return load_nlp()(before)


def described(wording: str, before: str) -> str | None:
    """The wording with its definite subject ("The shooting") replaced by the fuller noun phrase of the
    same noun before it, when that phrase holds a name."""
    doc = parse(wording)
    for subject in definite_subjects(doc):
        fuller = fuller_phrase(subject, before)
        if fuller:
            start = subject.left_edge.idx
            end = subject.idx + len(subject.text)
            phrase = fuller if start > 0 else fuller[:1].upper() + fuller[1:]
            return wording[:start] + phrase + wording[end:]
    return None


def definite_subjects(doc: object) -> list[Token]:
    """Subjects of the wording's verbs that are a definite description with no name: "the" + nouns."""
    out = []
    for token in doc:  # type: ignore[attr-defined]
        if token.dep_ not in SUBJECTS or token.pos_ != "NOUN":
            continue
        left = [t for t in token.lefts]
        if left and left[0].lower_ == "the" and not list(token.rights) \
                and all(t.dep_ in ("det", "amod", "compound") and t.pos_ != "PROPN" for t in left):
            out.append(token)
    return out


def fuller_phrase(subject: Token, before: str) -> str | None:
    """The last noun phrase before the claim headed by the subject's noun, with a modifier that names
    something ("the shooting of Sean Bell"), as the article words it, led by "the"."""
    doc = context_doc(before)
    # the same noun in the same number: "the candidate" is not one of "the GOP candidates"
    heads = [t for t in doc if t.lemma_.lower() == subject.lemma_.lower() and t.pos_ == "NOUN"
             and t.tag_ == subject.tag_]
    for head in reversed(heads):
        words = phrase_tokens(head)
        if len(words) > 1 and any(t.pos_ == "PROPN" or t.ent_type_ for t in words if t != head):
            text = " ".join(t.text for t in words)
            text = re.sub(r"\s+([,.’'])", r"\1", text).replace(" ’s", "’s")
            first = words[0].lower_
            if first in ("a", "an"):
                text = text.split(" ", 1)[1]  # "a fire at the Waitrose store" is "the fire ..." once named
            return text if first == "the" else "the " + text
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head`: its left modifiers and prepositional phrases, no clause."""
    words = [t for t in head.lefts if t.dep_ in KEEP_LEFT for t in t.subtree]
    words.append(head)
    for right in head.rights:
        if right.dep_ == "prep":
            words += [t for t in right.subtree if not inside_clause(t, right)]
    return sorted(set(words), key=lambda t: t.i)


def inside_clause(token: Token, top: Token) -> bool:
    node = token
    while node != top:
        if node.dep_ in ("relcl", "acl", "appos", "advcl") or node.pos_ == "PUNCT":
            return True
        node = node.head
    return False


def pronoun_named(wording: str, src: ClaimSource, before: str) -> str | None:
    """The wording with its leading "he"/"she" replaced by the person it refers to, when the speaker
    cannot be its referent (a quote's, or a claim whose speaker the article names after it)."""
    match = re.match(r"([“\"]?)(He|She)\b", wording)
    inverted = src.speaker is not None and src.speaker[0] > src.content[0]
    if not match or not (src.direct or inverted):
        return None
    said_by = src.sentence[src.speaker[0]:src.speaker[1]] if src.speaker else ""
    person = last_person(before, PRONOUN_GENDER[match.group(2).lower()], f"{src.speaker_name or ''} {said_by}")
    if person is None:
        return None
    return match.group(1) + person + wording[match.end():]


def last_person(before: str, gender: str, speaker: str) -> str | None:
    """The last person named in `before` other than the speaker, when their first name is listed with
    `gender`; None when the last such mention is of no listed or of the other gender."""
    doc = context_doc(before)
    spoken = set(speaker.lower().split())
    people: list[Span] = [e for e in doc.ents if e.label_ == "PERSON" and not set(e.text.lower().split()) & spoken]
    if not people:
        return None
    last = people[-1]
    words = last.text.split()
    if len(words) < 2 or first_name_gender(words[0].lower()) != gender:
        return None
    return last.text
