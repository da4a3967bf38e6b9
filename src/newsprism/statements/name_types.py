"""The names of one article with their types corrected from the article's own evidence, no gazetteer.

spaCy's small model types one name differently from one sentence to the next ("Page" PERSON, then
ORG; "Twitter" PERSON; "NY1" a nationality; "Carly Fiorina" ORG), and now and then misses a name
it found elsewhere ("Trump on Wednesday ordered ..."). A wrong type stops the speaker rules: a
person typed ORG is never a pronoun's antecedent, an organisation typed PERSON becomes one. The
article's other mentions settle it:

- a single word that is the surname of a full PERSON name in the article is that person;
- a name of two or three proper nouns starting with a listed first name is a person, also at the end
  of an organisation span that a title ran into ("Secretary of the Interior Ken Salazar");
- a name typed as an organisation or place that the sentence shows as a person is one: an
  apposition with a role noun ("Christian Estrosi, a former mayor of Nice") or a who-clause
  ("Rihanna, who was honored"); the article's other mentions of it follow;
- a single-word PERSON that nothing above supports is an organisation when the article shows it
  as one: NER types the same word ORG elsewhere or starts an ORG name with it ("Fox" / "Fox
  News"), it is a widely known organisation (org_kinds.KNOWN_ORGS: "Twitter"), or it modifies a
  spokesman or statement noun ("a Twitter spokesman"); after a possessive
  determiner ("his Oscar role") it is no person at all and is dropped;
- an all-capitals acronym typed PERSON or NORP ("NY1") is an organisation;
- a proper noun NER left out that is a person's surname in the article is that person again, and one
  that spells a one-word organisation of the article is that organisation;
- a name NER missed that its sentence shows as an organisation is one (org_names.py);
- "the Sanders campaign" is also an organisation of that name (`_campaigns`).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from newsprism.statements.cues import ROLE_NOUNS
from newsprism.statements.first_names import first_name_gender
from newsprism.statements.names import fold
from newsprism.statements.org_kinds import KNOWN_ORGS
from newsprism.statements.org_names import shown_orgs
from newsprism.statements.org_nouns import DOCUMENT_NOUNS, ORG_NOUNS, REPRESENTATIVE_NOUNS

NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]$")
_COMPANY_WORDS = frozenset({"inc", "corp", "co", "llc", "ltd", "plc", "management", "news", "media",
                            "holdings", "partners", "capital", "films", "records", "press", "times"})
_FUNCTION_TAGS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM"})
_PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})
_NEUTER = frozenset({"it", "its"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
# Relative pronouns only a person takes ("Rihanna, who ..."; an organisation takes "which").
_PERSONAL_RELATIVES = frozenset({"who", "whom"})


def _is_acronym(span: Span) -> bool:
    return len(span) == 1 and bool(_ACRONYM.match(span.text)) and any(c.isalpha() for c in span.text)


def _looks_personal(span: Span) -> bool:
    """Two or three proper nouns led by a listed first name: "Carly Fiorina", not "Curtis
    Management Group"."""
    words = span.text.split()
    return 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span) \
        and first_name_gender(words[0].lower()) is not None \
        and not any(fold(w) in ORG_NOUNS or fold(w) in _COMPANY_WORDS for w in words)


def _pronoun_votes(doc: Doc, spans: list[tuple[Span, str]]) -> dict[str, tuple[int, int]]:
    """Per single-word name: (personal, neuter) pronouns after it in the clause it is the subject
    of. "Page avoided the camera after her modeling years" counts for a person; "Twitter said it
    investigated" for an organisation ("it" as an expletive subject of "be" counts for neither)."""
    votes: dict[str, list[int]] = {}
    for span, _ in spans:
        if len(span) != 1 or span.root.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        vote = votes.setdefault(fold(span.text), [0, 0])
        for tok in span.root.head.subtree:
            if tok.i <= span.root.i:
                continue
            if tok.lower_ in _PERSONAL:
                vote[0] += 1
            elif tok.lower_ in _NEUTER and tok.dep_ != "expl" and tok.head.lemma_ != "be":
                vote[1] += 1
    return {word: (p, n) for word, (p, n) in votes.items()}


def _personal_tail(span: Span) -> Span | None:
    """The person's name at the end of a place or organisation span: "ROME - Bernie Sanders"
    (a dateline NER ran into the name), "Interior Ken Salazar" (a title ran into it) or the
    whole "Carly Fiorina"."""
    start = max((t.i + 1 for t in span if t.is_punct), default=span.start)
    for first in range(max(start, span.end - 3), span.end - 1):
        tail = span.doc[first:span.end]
        if _looks_personal(tail):
            return tail
    tail = span.doc[start:span.end]
    return tail if len(tail) > 0 and _looks_personal(tail) else None


def _shown_as_person(span: Span) -> bool:
    """Proper nouns NER typed as an organisation or place that their sentence shows as a person:
    an apposition with a role noun ("Christian Estrosi, a former mayor of Nice") or a who-clause
    ("Rihanna, who was honored with ...")."""
    words = [fold(t.text) for t in span]
    if not 1 <= len(span) <= 3 or not all(t.pos_ == "PROPN" for t in span) or \
            any(w in ORG_NOUNS or w in _COMPANY_WORDS for w in words):
        return False
    for child in span.root.children:
        # The tagger writes an all-capitals role as a proper noun ("the former Hewlett-Packard CEO").
        if child.dep_ == "appos" and (child.pos_ == "NOUN" or child.pos_ == "PROPN" and not child.ent_type_) \
                and child.lemma_.lower() in ROLE_NOUNS:
            return True
        if child.dep_ == "relcl" and any(c.lower_ in _PERSONAL_RELATIVES and c.i < child.i for c in child.children):
            return True
    return False


def _org_evidence(span: Span, org_words: set[str], org_starts: set[str]) -> bool:
    word = fold(span.text)
    if word in org_words or word in org_starts or word in KNOWN_ORGS:
        return True
    head = span.root.head
    return span.root.dep_ == "compound" and head.lower_ in REPRESENTATIVE_NOUNS | DOCUMENT_NOUNS \
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)


def _after_possessive(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in _POSSESSIVE_DETERMINERS


# NER labels of titles ("Family Circle" PRODUCT): a name only when they name a publication.
WORK_TYPES = frozenset({"PRODUCT", "WORK_OF_ART"})
_PUBLICATION_NOUNS = frozenset({"magazine", "newspaper", "paper", "network", "channel", "website", "publication"})


def _retyped(span: Span, label: str) -> tuple[Span, str]:
    if label in WORK_TYPES:
        # "Family Circle magazine's poll": a title modifying a publication noun is the publisher.
        head = span.root.head
        named = span.root.dep_ == "compound" and head.i == span.end and head.lemma_.lower() in _PUBLICATION_NOUNS
        return span, "ORG" if named else label
    tail = _personal_tail(span) if label in {"ORG", "GPE"} else None
    if tail is not None:
        return tail, "PERSON"
    return (span, "PERSON") if label in {"ORG", "GPE"} and _shown_as_person(span) else (span, label)


def typed_names(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The cleaned name spans (span, NER label) with corrected types, missed surnames added, in
    text order; a span whose type is no name type (NORP) is kept only when it becomes one."""
    spans = [typed for typed in (_retyped(span, label) for span, label in spans) if typed[1] not in WORK_TYPES]
    surnames = {fold(s.text.split()[-1]) for s, label in spans if label == "PERSON" and len(s.text.split()) > 1}
    # A one-word name shown as a person once ("Rihanna, who ...") is that person everywhere, even
    # where NER calls it a place or an organisation more often.
    shown = {fold(s.text) for s, label in spans if label == "PERSON" and len(s) == 1 and _shown_as_person(s)}
    # A surname NER always types as a place, more often than as a person, is that place
    # ("Washington" beside one "George Washington"); typed ORG or inconsistently, a slip of NER
    # ("Jackman" GPE, then ORG).
    as_person = Counter(fold(s.text.split()[-1]) for s, label in spans if label == "PERSON")
    as_other = Counter(fold(s.text) for s, label in spans if label != "PERSON" and len(s) == 1)
    labels: dict[str, set[str]] = {}
    for s, label in spans:
        if label != "PERSON" and len(s) == 1:
            labels.setdefault(fold(s.text), set()).add(label)
    places = {w for w, found in labels.items()
              if found <= {"GPE", "LOC", "FAC"} and len(found) == 1 and as_other[w] > as_person[w]}
    org_words = {word for word, count in as_other.items() if count > as_person[word]}
    org_starts = {fold(s.text.split()[0]) for s, label in spans if label == "ORG" and len(s.text.split()) > 1}
    # A word NER typed both ways goes with its pronouns: "Page ... her", "Twitter said it".
    votes = _pronoun_votes(doc, spans)
    typed_as = {(fold(s.text), label) for s, label in spans if len(s) == 1}
    personal = {w for w, (p, n) in votes.items() if p > n and (w, "PERSON") in typed_as}
    neuter = {w for w, (p, n) in votes.items() if n > p and (w, "ORG") in typed_as}
    surnames = (surnames | personal | shown) - (neuter - shown)
    org_words = (org_words - personal - shown) | (neuter - shown)
    places -= shown
    # "De Blasio" (ORG) after "Bill de Blasio": the tail of a full person name is that person.
    tails = {tuple(fold(s.text).split()[i:]) for s, label in spans if label == "PERSON"
             for i in range(1, len(s.text.split()) - 1)}
    typed: list[tuple[Span, str]] = []
    for span, label in spans:
        word = fold(span.text)
        if label == "PERSON" and len(span) == 1 and _after_possessive(span):
            continue
        if _is_acronym(span) and label in {"PERSON", "NORP"}:
            label = "ORG"
        elif len(span) == 1 and word in surnames and word not in places or tuple(word.split()) in tails:
            label = "PERSON"
        elif label == "PERSON" and len(span) == 1 and _org_evidence(span, org_words, org_starts):
            label = "ORG"
        if label in NAME_TYPES:
            typed.append((span, label))
    typed.extend((doc[i:i + 1], "PERSON") for i in _missed_surnames(doc, spans, surnames))
    covered = {i for s, _ in typed for i in range(s.start, s.end)}
    covered |= {i for e in doc.ents for i in range(e.start, e.end)}
    typed.extend((span, "ORG") for span in shown_orgs(doc, covered))
    typed.extend((doc[i:i + 1], "ORG") for i in _missed_orgs(doc, typed))
    typed.extend((span, "ORG") for span in _campaigns(typed))
    # A campaign starts where its person does: the person's mention comes first.
    return sorted(typed, key=lambda sl: (sl[0].start, sl[1] != "PERSON"))


# Organisations named for their person ("the Sanders campaign", "the Obama administration").
_NAMED_FOR = frozenset({"campaign", "administration"})


def _campaigns(typed: list[tuple[Span, str]]) -> list[Span]:
    """"the Sanders campaign", "Clinton's campaign", "the Obama administration": an organisation
    named for its person, so that "the campaign said", "campaign officials" and "The Obama
    administration has said" have a named organisation to speak for."""
    found = []
    for span, label in typed:
        head = span.root.head
        if label in {"PERSON", "ORG"} and span.root.dep_ in {"compound", "poss"} and head.lemma_.lower() in _NAMED_FOR \
                and head.i >= span.end and head.tag_ == "NN":
            found.append(span.doc[span.end - 1:head.i + 1])
    return found


def _missed_surnames(doc: Doc, spans: list[tuple[Span, str]], surnames: set[str]) -> list[int]:
    """Tokens outside every entity that spell a person's surname: names NER skipped."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    covered |= {i for s, _ in spans for i in range(s.start, s.end)}
    # The tagger may call the word anything ("Trump on Wednesday ordered": a verb); the capital
    # letter and the article's own person with that surname decide.
    return [t.i for t in doc if t.i not in covered and t.text[:1].isupper() and t.pos_ not in _FUNCTION_TAGS
            and fold(t.text) in surnames]


def _missed_orgs(doc: Doc, typed: list[tuple[Span, str]]) -> list[int]:
    """Capitalised tokens outside every name that spell a one-word organisation the article names
    elsewhere: the headline's "Twitter takes bigger steps" that NER left out, before "The company said"."""
    words = {fold(s.text) for s, label in typed if label == "ORG" and len(s) == 1}
    covered = {i for s, _ in typed for i in range(s.start, s.end)}
    covered |= {i for e in doc.ents for i in range(e.start, e.end)}
    return [t.i for t in doc if t.i not in covered and t.text[:1].isupper() and t.pos_ not in _FUNCTION_TAGS
            and fold(t.text) in words]


def with_coordinated_tails(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Organisation names NER cut at a coordination after "of", made whole: "National Academies of
    Sciences, Engineering and Medicine" (NER: "National Academies of Sciences" and "Medicine").
    Each coordinated word must be a capitalised proper noun with no determiner and no acronym ("the
    Department of Justice, FBI and CIA" stays three names)."""
    grown: list[tuple[Span, str]] = []
    for span, label in spans:
        last = span[-1]
        if label == "ORG" and last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.i >= span.start:
            tail = last
            while (nxt := next((c for c in tail.children if c.dep_ == "conj" and c.i > tail.i), None)) is not None \
                    and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not nxt.text.isupper() \
                    and not any(c.dep_ == "det" for c in nxt.children):
                tail = nxt
            span = span.doc[span.start:tail.i + 1]
        grown.append((span, label))
    return [(span, label) for span, label in grown
            if not any(other.start <= span.start and span.end <= other.end and other != span for other, _ in grown)]
