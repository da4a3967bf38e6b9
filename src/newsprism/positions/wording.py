"""The wording of a fact proposition: a claim a reader can check on its own (issue 21).

The grouping picks one member claim's text ("he was the founder", "to fight back", "her tendency
to commit gaffes"). Cut out of its sentence, such a text names nobody: a bare pronoun subject, an
infinitive whose subject is the speaker, a noun phrase that was the object of the reporting verb. A
proposition is shown next to the quotes as the thing they are about, so it must read as a sentence
with its subject named, and carry nothing the article does not say.

Method, first wording that reads as a claim (`reads_as_claim`) wins:
1. the member's text as chosen;
2. the governing clause: the article's own words from the speaker to the end of the claim
   ("Sanders vowed to fight back"), else to the end of the whole content (a later clause of it has
   its subject in the first), the speaker's words replaced by the resolved speaker's name when
   they are a pronoun or a description; when the speaker comes after the content ("..., he said"),
   the name, the cue and the content ("Donald Trump said: “I was viciously attacked ...”");
3. the whole sentence holding the statement, when it is short enough to be one claim;
otherwise the member's text stays (the conflict's calibration reads it as not a sentence). A
wording that adds a negator is skipped: the proposition never takes a side.

Before all of it, a pronoun or a person description the statement stage resolved to someone other
than the speaker takes that person's name ("he died Thursday" -> "John D. O'Connor died Thursday",
"her tendency" -> "Hillary Clinton's tendency"; `named_referents`): the article's words otherwise.
A pronoun the speaker binds stays ("Sanders said he would ..."): the governing clause names him.

Everything here is a function of `ClaimSource`, plain strings and offsets from one article, so the
gate (tests/positions/test_wording.py) rebuilds the wordings of eval/propositions_real from stored
sources without running the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from newsprism.positions.stance import parse
from newsprism.statements.first_names import first_name_gender

# Pronouns that leave a sentence's subject unnamed when they are its subject or its first word.
BARE = frozenset("he she it they we i you this that these those his her its their him them there "
                 "who which one".split())
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
QUOTES = "\"'“”‘’"
# The whole sentence stands in for a claim only up to this length: longer ones hold several claims.
MAX_SENTENCE_WORDS = 45
# The governing clause is taken from the article only when the speaker and the cue sit this close
# before the content (one reporting phrase, "Trump told reporters on Tuesday that").
MAX_GOVERNOR_WORDS = 12
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
NEGATOR = re.compile(r"\b(?:not|no|never|none|nothing|nobody|neither|nor|cannot|without)\b|n[’']t\b",
                     re.IGNORECASE)
# Cues after which a quote's elided subject can stand ("Sessions said Hillary Clinton “is ...”");
# "told" takes its hearer there ("Sessions told CNN"), "according to" no subject.
SAYS = frozenset("said says added adds wrote writes argued argues insisted insists claimed claims warned warns "
                 "noted notes stated states declared declares".split())
# Cues that are no verb: "according to X, ...".
ACCORDING = re.compile(r"^according\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimSource:
    """What a proposition's wording is built from: the chosen text and its statement's sentence."""

    text: str  # the member claim's text as the grouping chose it
    sentence: str  # the article's sentence(s) holding the speaker, the cue and the content
    content: tuple[int, int]  # the statement's content, offsets into `sentence`
    speaker: tuple[int, int] | None = None  # the speaker's words in `sentence`
    cue: tuple[int, int] | None = None  # the reporting cue in `sentence`
    speaker_name: str | None = None  # the resolved speaker's name (entity), if any
    direct: bool = False
    speaker_person: bool = False  # the resolved speaker is a person (binds "he"/"she" in their words)
    # What the statement stage resolved a pronoun or a description of the sentence to: (start, end,
    # the entity's name), offsets into `sentence` ("he" -> "John D. O'Connor", "her" -> "Hillary Clinton")
    referents: tuple[tuple[int, int, str], ...] = ()
    # The article's sentences just before `sentence` (`antecedents.preceding_text`): where an event
    # or a quote's "he" is named before the claim ("The shooting" of "the shooting of Sean Bell ...")
    preceding: str = ""


def reads_as_claim(text: str) -> bool:
    """A sentence a reader can check: it starts with a capital (or a figure), its first word is no
    pronoun and no "to", and its main verb has a subject that is not a bare pronoun."""
    body = text.strip().strip(QUOTES).strip()
    if not body or not (body[0].isupper() or body[0].isdigit()):
        return False
    first = re.split(r"[\s,’']", body, maxsplit=1)[0].lower()
    if first in BARE and first != "it" or first == "to":
        return False
    doc = parse(body)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots or roots[0].pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in roots[0].children if c.dep_ in SUBJECTS]
    # a dummy "it" whose clause follows ("It is rare to experience a dual-break ...") is no pronoun
    return bool(subjects) and all(s.lower_ not in BARE or is_extraposed(s) for s in subjects) \
        and (first != "it" or any(is_extraposed(s) for s in subjects))


def is_extraposed(token: Any) -> bool:
    """"It is rare to ...", "it's even more important to defend ...": a dummy subject whose clause
    follows the verb "be" (or its adjective)."""
    head = token.head
    # only a dummy "it": "The problem is, people still don’t want ..." has a subject of its own
    if token.dep_ != "nsubj" or token.lower_ != "it" or not (head.lemma_ == "be" or head.lower_ in ("’s", "'s")):
        return False
    later = [c for c in head.children if c.i > head.i]
    later += [g for c in later if c.dep_ in ("acomp", "attr") for g in c.children]
    return any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in later)



def drop_lead_conjunction(text: str) -> str:
    """The text without a leading "and"/"but", nor a "that" that only introduces it ("said that X");
    a "that" that is the subject, or its determiner, stays: "That is a fundamental violation of law" is
    no "Is ...", "That decision was wrong" no "Decision was wrong". """
    stripped = re.sub(r"^(?:and|but)(?:\s+|,\s*)", "", text, flags=re.IGNORECASE)
    if re.match(r"that\b", stripped, flags=re.IGNORECASE) and not that_belongs_to_claim(stripped):
        stripped = re.sub(r"^that(?:\s+|,\s*)", "", stripped, flags=re.IGNORECASE)
    return stripped


def that_belongs_to_claim(text: str) -> bool:
    """The text's first word "that" is its clause's subject or the subject's determiner, not the
    complementiser of a reported content ("that the fire was suspicious")."""
    doc = parse(text)
    return len(doc) > 1 and doc[0].dep_ in ("nsubj", "nsubjpass", "det")


def clean(text: str) -> str:
    text = drop_lead_conjunction(" ".join(text.split()).strip(" ,;:"))
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    return balanced(text[:1].upper() + text[1:] if text else text)


def balanced(text: str) -> str:
    """Close a quotation the cut left open (`He is "weak on illegal immigration`)."""
    if text.count("“") > text.count("”"):
        text += "”"
    if text.count('"') % 2:
        text += '"'
    return text


def named(src: ClaimSource) -> str | None:
    """Who said it, as a reader can look them up: the article's words for the speaker, the resolved
    name instead when those words are a pronoun."""
    words = " ".join(src.sentence[src.speaker[0]:src.speaker[1]].split()) if src.speaker else ""
    if not words or words.lower() in BARE:
        return src.speaker_name
    # the resolved (fullest) name when it is the one the words use ("Bush" -> "Jeb Bush"); not when
    # the words describe someone else ("Pro-life members of the Democrat Party")
    head = words.split()[-1].lower()
    # "the Post" resolved to "Post": the name without its article reads as a fragment ("Post reported")
    if src.speaker_name and re.sub(r"^the\s+", "", words, flags=re.IGNORECASE).lower() == src.speaker_name.lower():
        return words
    if src.speaker_name and head in src.speaker_name.lower().split():
        return src.speaker_name
    # "The securities analyst decided ...": one person the statement stage named by a definite description
    if src.speaker_name and src.speaker_person and re.fullmatch(r"[Tt]he(?: [a-z-]+){1,3}", words) \
            and not head.endswith("s"):
        return src.speaker_name
    return words


def claim_words(src: ClaimSource) -> str | None:
    """The claim as the speaker's content, or None when its subject is a pronoun the speaker does
    not bind: "X said he ..." reads as X about himself only for a person's indirect speech, and a
    quote's "I"/"we" is the speaker's own; any other leading pronoun stays unnamed."""
    text = " ".join(src.text.split()).strip(" ,;:")
    if not text:
        return None
    at = src.sentence.find(src.text)
    if at > 0 and src.sentence[at - 1] in QUOTES and src.sentence[at - 1] not in text[:1]:
        text = src.sentence[at - 1] + text  # the opening mark the claim's cut dropped (`“top secret” ...`)
    first = re.split(r"[\s,’']", text.lstrip(QUOTES + " "), maxsplit=1)[0].lower()
    own = first in ("i", "we", "my", "our") and quoted(src)
    bound = first in ("he", "she", "his", "her") and src.speaker_person and not quoted(src)
    if first in BARE and not (own or bound):
        return None
    if first in BARE and first != "i" and not quoted(src):  # a quote keeps its words as said
        lead = len(text) - len(text.lstrip(QUOTES))
        text = text[:lead] + text[lead].lower() + text[lead + 1:]
    return f"“{text.strip(QUOTES)}”" if quoted(src) else text


def quoted(src: ClaimSource) -> bool:
    """The claim is the speaker's own words: a direct statement, or a content the article closes with a
    quotation mark although its opening one is lost with the sentence before (`I'm satisfied, " he said`)."""
    after = src.sentence[src.content[1]:src.content[1] + 3].lstrip(" ,.")
    return src.direct or after[:1] in QUOTES and src.speaker is not None and src.speaker[0] >= src.content[1]


def governing_clause(src: ClaimSource) -> str | None:
    """The speaker, the cue and the claim as one sentence, in the article's words."""
    name = named(src)
    claim = claim_words(src)
    if name is None or src.cue is None or claim is None:
        return None
    if src.speaker and attribution(src) in claim:
        return None  # the content ran over its own attribution ("..., Mr Trump told reporters"): said twice
    cue = " ".join(src.sentence[src.cue[0]:src.cue[1]].split())
    if not cue:
        return None
    # a quote that starts with its verb continues the article's words: no colon between them
    fragment = quoted(src) and not has_subject(claim)
    subject = elided_subject(src) if fragment and cue.lower() in SAYS else None
    if subject:
        return clean(f"{name} {cue} {subject} {claim}")
    if src.speaker is not None and src.speaker[1] <= src.cue[0] <= src.cue[1] <= src.content[0] \
            and opens_content(src):
        between = " ".join(src.sentence[src.speaker[1]:src.content[0]].split()).rstrip(" ,:" + QUOTES)
        if re.match(r"[’']s\b", between):
            return None  # "He's suggesting" with the name for "He": "Wasserman 's suggesting" reads wrong
        if len(between.split()) <= MAX_GOVERNOR_WORDS and not SENTENCE_END.search(between):
            return clean(f"{name} {between}{':' if quoted(src) and not fragment else ''} {claim}")
    if not has_subject(claim):
        return None  # "X said strongly favored ...": only the article's own order carries a fragment
    if ACCORDING.match(cue):
        return clean(f"According to {name}, {claim}")
    return clean(f"{name} {cue}{':' if quoted(src) else ''} {claim}")


def elided_subject(src: ClaimSource) -> str | None:
    """The subject of a quote that starts with its verb, in the article's words before the quote
    ("Hillary Clinton “is a danger,” Sessions said", "The foundation, Sessions said, “is ...”"), when
    those words are one noun phrase that holds a name; else None (the quote stays a fragment)."""
    end = src.content[0]
    before = [span[0] for span in (src.speaker, src.cue) if span is not None and span[1] <= end]
    if before:
        end = min(before)  # the attribution interrupts the sentence: the subject comes before it
    words = " ".join(src.sentence[:end].split()).strip(" ,:" + QUOTES)
    if not words or len(words.split()) > MAX_GOVERNOR_WORDS:
        return None
    doc = parse(words)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN") or not any(t.pos_ == "PROPN" for t in doc):
        return None
    # mid-sentence after the cue: "said the Clinton Foundation", not "said The Clinton Foundation"
    return words[0].lower() + words[1:] if doc[0].lower_ in ("the", "a", "an") else words


def attribution(src: ClaimSource) -> str:
    """The article's words from the speaker to the cue, or the cue to the speaker ("Mr Trump told")."""
    if src.speaker is None or src.cue is None:
        return "\0"
    words = src.sentence[min(src.speaker[0], src.cue[0]):max(src.speaker[1], src.cue[1])]
    return words if words.strip() else "\0"


def has_subject(text: str) -> bool:
    """A clause of its own: the main verb has a subject (a pronoun the caller accepted included)."""
    doc = parse(text.strip(QUOTES))
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children)
               for t in doc)


def opens_content(src: ClaimSource) -> bool:
    """The claim is where the content starts (after "that"), so the article's words from the speaker
    run straight into it: "Marvin Roffman decided to fight back"."""
    content = src.sentence[src.content[0]:src.content[1]].strip(" " + QUOTES)
    content = drop_lead_conjunction(content)
    return content[:24].lower() == " ".join(src.text.split()).strip(QUOTES)[:24].lower()


def whole_content(src: ClaimSource) -> ClaimSource:
    """The source with the statement's whole content as the claim: a later clause of the content
    ("..., but strongly favored the new overtime regulation") has its subject in the first one."""
    content = src.sentence[src.content[0]:src.content[1]]
    content = drop_lead_conjunction(content.strip(" ,;:"))
    return replace(src, text=content)


def whole_sentence(src: ClaimSource) -> str | None:
    """The statement's sentence, when it is one sentence short enough to be one claim."""
    text = clean(src.sentence)
    if SENTENCE_END.search(text) or not 0 < len(text.split()) <= MAX_SENTENCE_WORDS:
        return None
    return text


def self_contained(src: ClaimSource) -> str:
    """The first wording of the method above that reads as a claim, else the chosen text."""
    found = wordings(src)
    return found[0] if found else clean(src.text)


def wordings(src: ClaimSource) -> list[str]:
    """Every wording of the method above that reads as a claim, in its order (the caller may want
    the first one that names its subject, `checkable.checkable_wording`)."""
    chosen = clean(src.text)
    named_src = named_referents(src)
    named_text = clean(named_src.text)
    # a quote's whole content is often several sentences: only reported speech is taken whole
    whole = None if quoted(src) else governing_clause(whole_content(named_src))
    found = [chosen] if reads_as_claim(chosen) else []
    # a referent's name only where the chosen text does not read as a claim: the statement stage's
    # resolution is wrong often enough ("his neck" -> another player's) not to rename a claim
    if not found and named_text != chosen and reads_as_claim(named_text):
        found.append(named_text)
    # the chosen text dropped the article's negator to take no side ("he would host" of "he would not
    # host"): said by the speaker, it would be the opposite of their words, so it stays unattributed
    said = [] if dropped_negator(src) else [governing_clause(named_src), whole]
    # ... but its subject, the speaker's own "he" of reported speech, is the speaker by name
    own = [speaker_as_subject(src)] if dropped_negator(src) else []
    for wording in (*said, *own, whole_sentence(named_src)):
        if wording and wording not in found and negations(wording) <= negations(chosen) \
                and reads_as_claim(wording):
            found.append(wording)
    return found


def dropped_negator(src: ClaimSource) -> bool:
    """The article's words from the claim's first word to its last hold more negators than the claim:
    the claim is the affirmative the grouping made of a denial ("he would not host" -> "he would host")."""
    words = src.text.split()
    if len(words) < 2:
        return False
    content = src.sentence[src.content[0]:src.content[1]]
    start = content.find(" ".join(words[:2]))
    end = content.rfind(" ".join(words[-2:]))
    if start < 0 or end < start:
        return False
    return negations(content[start:end + len(" ".join(words[-2:]))]) > negations(src.text)


def speaker_as_subject(src: ClaimSource) -> str | None:
    """The claim with its leading "he"/"she" replaced by the speaker's name, when it is reported
    speech and the statement stage resolved that pronoun to the speaker: "Seth MacFarlane said he would
    not host the Oscars again" -> "Seth MacFarlane would host the Oscars again" (a denial made
    affirmative cannot be given to its speaker, and "He would host ..." names nobody)."""
    text = " ".join(src.text.split()).strip(" ,;:")
    lead = re.match(r"(he|she)\b", text, flags=re.IGNORECASE)
    if not lead or not src.speaker_name or not src.speaker_person or quoted(src):
        return None
    # the pronoun where the content starts (the claim text, without its negator, is no substring)
    said = re.compile(r"\s*(?:that\s+)?(he|she)\b", flags=re.IGNORECASE).match(src.sentence, src.content[0])
    resolved = {name for start, _, name in src.referents if said and start == said.start(1)}
    if resolved != {src.speaker_name} or not gender_fits(src.speaker_name, lead.group(1)):
        return None
    return clean(src.speaker_name + text[lead.end():])


POSSESSIVE = frozenset({"his", "hers"})
REFLEXIVE = frozenset({"himself", "herself"})  # "Trump himself": a name there reads wrong, and the subject names him


def named_referents(src: ClaimSource) -> ClaimSource:
    """The source with each resolved pronoun or description that is not the speaker replaced by its
    referent's name, in the sentence and in the claim text (offsets moved along)."""
    spans = sorted((start, end, name) for start, end, name in src.referents
                   if name != src.speaker_name and 0 <= start < end <= len(src.sentence)
                   and src.sentence[start:end].lower() not in REFLEXIVE and gender_fits(name, src.sentence[start:end])
                   and not (src.speaker and src.speaker[0] <= start < src.speaker[1]))
    if not spans:
        return src
    at = src.sentence.find(src.text)
    claim_start = at if at >= 0 else src.content[0]
    pieces, shifts, last = [], [], 0
    done: set[str] = set()
    for start, end, name in spans:
        if start < last:
            continue  # overlapping mentions: the first one is replaced
        if name in done or start > claim_start and named_between(src.sentence, claim_start, start, name):
            continue  # "Mark Felt died at his home": once named in the claim, a pronoun reads as him
        if start >= claim_start:
            done.add(name)
        pieces += [src.sentence[last:start], referent_words(src.sentence, start, end, name)]
        shifts.append((end, len(pieces[-1]) - (end - start)))
        last = end
    sentence = "".join(pieces) + src.sentence[last:]

    def moved(pos: int) -> int:
        return pos + sum(delta for end, delta in shifts if end <= pos)

    def moved_span(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (moved(span[0]), moved(span[1]))

    text = src.text
    if at >= 0:
        text = sentence[moved(at):moved(at + len(src.text))]
    return replace(src, text=text, sentence=sentence, content=(moved(src.content[0]), moved(src.content[1])),
                   speaker=moved_span(src.speaker), cue=moved_span(src.cue), referents=())


def gender_fits(name: str, words: str) -> bool:
    """A he/him/his is no woman's and a she/her no man's by the first name ("his eccentric behavior"
    resolved to Rita Gigante is the statement stage's wrong link); other words and unlisted names fit."""
    word = words.lower()
    wanted = "m" if word in ("he", "him", "his") else "f" if word in ("she", "her", "hers") else None
    gender = first_name_gender(name.split()[0].lower()) if name.split() else None
    return wanted is None or gender is None or gender == wanted


def named_between(sentence: str, start: int, end: int, name: str) -> bool:
    """The name's last word is in sentence[start:end]."""
    return re.search(rf"\b{re.escape(name.split()[-1])}\b", sentence[start:end]) is not None


def referent_words(sentence: str, start: int, end: int, name: str) -> str:
    """The name standing for the words at [start, end): a possessive pronoun ("his", "her" before a
    noun) becomes "<name>'s"."""
    word = sentence[start:end].lower()
    if word in POSSESSIVE or word == "her" and possessive_her(sentence, start):
        return f"{name}’s"
    return name


def possessive_her(sentence: str, start: int) -> bool:
    """'her' as a determiner ("her tendency"), not an object ("told her")."""
    doc = parse(sentence)
    return any(t.idx == start and t.dep_ == "poss" for t in doc)


def negations(text: str) -> int:
    """Negators in a text: a wording may not add one, a proposition never takes a side."""
    return len(NEGATOR.findall(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of `text` around [start, end): from the last sentence end (or line break)
    before `start` to the first one at or after `end`."""
    line_start = text.rfind("\n", 0, start) + 1
    begin = line_start
    for m in SENTENCE_END.finditer(text, line_start, start):
        begin = m.end()
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stop = SENTENCE_END.search(text, end, line_end)
    finish = stop.start() + 1 if stop else line_end
    return begin, max(finish, end)
