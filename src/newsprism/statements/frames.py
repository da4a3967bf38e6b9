"""Intermediate attribution frames passed between the extraction steps of one article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.statements.cues import MINED_FRAMES, PREP_CONTENT, REQUIRED_PARTICLE, SPEECH_VERBS


@dataclass(frozen=True)
class Frame:
    """One attribution before speaker resolution: content span, cue and the speaker's head token.

    `inherit` points at an earlier frame whose speaker this one continues (a quote paragraph that
    carries on the previous paragraph's quote).
    """

    start: int
    end: int
    cue_start: int
    cue_end: int
    cue_tok: int
    speaker_tok: int | None
    direct: bool
    inherit: int | None = None
    # The content's parts when the attribution interrupts it (a split quote, a parenthetical cue);
    # () when the content is the one span start..end.
    parts: tuple[tuple[int, int], ...] = ()


_CLOSING = "\"”’'"


def sentence_bounds(token: Token) -> tuple[int, int]:
    """(first, end) token indices of the token's sentence; `Token.sent` rescans the doc each call,
    so the bounds are computed once per doc and kept in `doc.user_data`."""
    doc = token.doc
    table = doc.user_data.get("newsprism_sentences")
    if table is None:
        table = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                table[i] = (sent.start, sent.end)
        doc.user_data["newsprism_sentences"] = table
    return table[token.i]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and clause punctuation at both ends; closing quote marks stay."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.-—–"):
        end -= 1
    return start, end


_QUOTE_MARKS = "\"“”‘’'`"
_CLOSING_RUN = _QUOTE_MARKS + ".,;:!?…)" + " "


def quote_bounds(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """A content that begins right inside a quotation takes its opening mark, and one that ends where
    only punctuation and the closing mark are left takes those too: annotators (PolNeAR) mark
    '“the wind is at our backs” despite ...' and 'said “we worked hard.”' with their marks, while the
    parse leaves the marks, and the full stop before the closing one, outside the clause. A quotation
    opened inside the content runs to its closing mark: the parse often ends the clause at the first
    sentence end inside it ('has “got to come a long way” ... “Oil pays him. He's got to be for oil.”')."""
    for q_start, q_end in quoted:
        if q_start < start < q_end and not text[q_start:start].strip(_QUOTE_MARKS + " "):
            start = q_start
        if start <= q_start < end < q_end or \
                q_start < start < end < q_end and not text[end:q_end].strip(_CLOSING_RUN):
            end = q_end
    return start, end


def subtree_bounds(doc: Doc, text: str, heads: Sequence[Token], quoted: Sequence[tuple[int, int]],
                   min_words: int) -> tuple[int, int] | None:
    """Character bounds of the subtrees under `heads` as a content (trimmed, widened to a quote they cut),
    or None when they hold fewer than `min_words` words: one content rule for the frames built on a head
    word rather than a cue's complement (stance adjectives, bare "asked" questions)."""
    first = min(t.left_edge.i for t in heads)
    last = max(t.right_edge.i for t in heads)
    if len([t for t in doc[first:last + 1] if t.is_alpha]) < min_words:
        return None
    return quote_bounds(text, *trim_span(text, doc[first].idx, doc[last].idx + len(doc[last].text)), quoted)


def is_cue_verb(token: Token) -> bool:
    """A reporting verb in the lexicon, with its required particle ("ruled out")."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or (lemma not in SPEECH_VERBS and lemma not in PREP_CONTENT
                                             and lemma not in MINED_FRAMES):
        return False
    particle = REQUIRED_PARTICLE.get(lemma)
    if particle is not None and not any(_licenses(c, lemma, particle) for c in token.children):
        return False  # "pointed out" / "pointed to X" (mined), never bare "pointed"
    # "Asked about X, Leavitt said": the participle's subject is the one asked, not the speaker. A
    # "participle" with a subject of its own is a past tense the tagger misread ("voters supported Trump").
    return not (token.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in token.children)
                or is_misread_participle(token))


# Conjunctions that open a participle clause: "when asked how ...", "after asked about ...".
_PARTICIPLE_MARKS = frozenset({"when", "after", "before", "if", "once", "while", "until"})


def is_misread_participle(token: Token) -> bool:
    """'when asked how ties would fare': a participle the tagger read as a past tense (VBD), with a
    conjunction before it and no subject or auxiliary of its own."""
    return token.tag_ == "VBD" and \
        any(c.dep_ in {"advmod", "mark"} and c.lower_ in _PARTICIPLE_MARKS and c.i == token.i - 1
            for c in token.children) and \
        not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "expl"} for c in token.children)


def is_question_adverbial(clause: Token) -> bool:
    """An if/whether clause the parser hangs as an adverbial ("asked workers if they planned ..."):
    after a verb of asking it is the question put, not a condition."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "whether"} for m in clause.children)


def gap_relative_host(verb: Token) -> Token | None:
    """'Nothing the president said "will assuage fears," the senator said': a relative clause whose
    object is the gap ("Nothing [that] the president said") reports nothing of its own; the parser
    hangs the quote on it, but it is the content of the cue whose argument the noun is. That cue,
    or None."""
    head = verb.head
    if verb.dep_ != "relcl" or head.i == verb.i or head.i > verb.i or head.head.i <= verb.i:
        return None
    if any(c.tag_ in {"WDT", "WP", "WRB"} or c.lower_ == "that" for c in verb.subtree if c.i < verb.i):
        return None  # "the report that said ...": the relative pronoun is the subject
    if not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    outer = head.head
    if not is_cue_verb(outer) or any(c.dep_ in {"ccomp", "xcomp"} for c in outer.children):
        return None
    return outer


def _licenses(child: Token, lemma: str, particle: str) -> bool:
    """The required particle, or a preposition mined for the lemma ("pointed to X")."""
    if child.dep_ == "prt":
        return child.lower_ == particle
    return child.dep_ == "prep" and "prep:" + child.lower_ in MINED_FRAMES.get(lemma, frozenset())


def cue_extent(token: Token) -> tuple[int, int]:
    """Char span of the cue as written: the verb plus its particle ("ruled out", "pointed out")."""
    end_tok = token
    for child in token.children:
        if child.dep_ == "prt" and child.i == token.i + 1:
            end_tok = child
    return token.idx, end_tok.idx + len(end_tok.text)


def subject_of(verb: Token, depth: int = 0, lost: bool = True) -> Token | None:
    """The speaker's head token for a cue verb, following participles and coordinations upward.

    `lost` also reads the subjects the parser lost (through an adjective, an unlabelled "dep", a chain
    of prepositions, an aside before a finite verb); without it, only the parse's own subjects."""
    subjects = [c for c in verb.children
                if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and is_contracted_perfect(verb)]
    if subjects:
        inverted = _inverted_after_quote(verb, subjects)
        if inverted is not None:
            return inverted
        # Two subjects happen when a dateline ("WASHINGTON, Feb. 12 --") is parsed in: the nearest wins.
        before = [c for c in subjects if c.i < verb.i]
        return _parenthetical_subject(verb, before[-1]) if before else subjects[0]
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    if verb.tag_ == "VBG":
        subject = _absolute_subject(verb)
        if subject is not None:
            return subject
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"PROPN", "NOUN", "PRON"}:
        return verb.head
    if not lost:
        return _parsed_subject(verb, depth)
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    if depth < 3 and verb.head.i != verb.i and (verb.dep_ in _CLIMB_DEPS or verb.dep_ == "dep" and
                                                verb.head.pos_ in {"VERB", "AUX"}):
        # "paused, then revealed": the parser's unlabelled "dep" between two finite verbs shares the subject.
        head = _verb_above_preposition(verb) if verb.dep_ == "pcomp" else verb.head
        subject = subject_of(head, depth + 1)
        if subject is not None and subject.lower_ == "it" and _is_adjectival(head):
            return None  # "it is worth remembering", "it's hard not to wonder": the reporter's own words
        return subject
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _left_subject(verb)
    aux = _finite_aux(verb)
    if aux is not None and not any(c.dep_ in {"nsubjpass", "csubj", "csubjpass", "expl"} for c in verb.children):
        return _left_subject(aux)
    return None


def is_contracted_perfect(verb: Token) -> bool:
    """"he's said he'll fight": the parser reads the contracted "has" as a passive "is"; a passive
    report verb takes a "to" infinitive ("is said to be"), never a clause of its own."""
    return verb.tag_ in {"VBN", "VBD"} and any(c.dep_ == "ccomp" for c in verb.children) and \
        any(c.dep_ == "auxpass" and c.lower_ in {"'s", "’s"} for c in verb.children)


def _inverted_after_quote(verb: Token, subjects: Sequence[Token]) -> Token | None:
    """'X has been "very worked up," said a source close to the campaign': the parser keeps X as a
    second subject; after a quote or comma the subject right after the cue is the one who said it."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in _CLOSING + "“,":
        return None
    return next((c for c in subjects if c.i > verb.i and c.left_edge.i == verb.i + 1), None)


def _parenthetical_subject(verb: Token, subject: Token) -> Token:
    """'Clinton, a top aide said, "is very confident"': a cue set off by commas after "X, <noun
    phrase>" is an aside whose subject is the noun phrase, not the name before it (the parser reads
    it as an apposition); "X, a top aide, said" keeps X."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return subject
    return next((c for c in subject.children if c.right_edge.i == verb.i - 1 and is_subject_apposition(c)), subject)


def _parsed_subject(verb: Token, depth: int) -> Token | None:
    """subject_of without the lost subjects: the climb through participles and coordinations only."""
    if depth < 3 and verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head  # "began by saying ...": the preposition has no subject, its verb has
        return subject_of(head, depth + 1, lost=False)
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _left_subject(verb, asides=False)
    return None


# Dependencies through which a cue shares its head's subject: "is reluctant to reveal" and "is likely
# to remind" climb through the adjective ("acomp") too.
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acomp"})


# Verbs whose object is not the subject of their infinitive ("promised voters to cut taxes").
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "offer"})


def _object_controller(verb: Token) -> Token | None:
    """'has led some allies to worry', 'prompted the tabloid to do': the object of the verb above an
    infinitive cue is the one who does it, not that verb's subject (the verb not a cue itself)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() in _SUBJECT_CONTROL or is_cue_verb(head) or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # Under a cue of its own ("pushes Dems to reject"), the infinitive is that cue's content: the
        # report, as PolNeAR marks it, is the cue's subject's.
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i
                 and c.pos_ in {"NOUN", "PROPN", "PRON"} and c.lower_ not in {"it", "that", "this"}), None)


def _is_adjectival(head: Token) -> bool:
    """An adjective ("worth", "hard") or a copula over one ("'s hard not to wonder")."""
    return head.tag_.startswith("JJ") or any(c.dep_ == "acomp" for c in head.children)


def _verb_above_preposition(verb: Token) -> Token:
    """'began by saying', 'In addition to stating that ..., Clinton has vowed': the preposition has no
    subject, the verb it hangs on (through at most three prepositions and their objects) has."""
    node = verb.head
    for _ in range(6):
        if node.dep_ not in {"prep", "pobj", "pcomp"} or node.head.i == node.i or node.head.pos_ in {"VERB", "AUX"}:
            return node.head if node.head.pos_ in {"VERB", "AUX"} else verb.head.head
        node = node.head
    return verb.head.head


def _finite_aux(verb: Token) -> Token | None:
    """The finite auxiliary before a non-finite cue ("was making ..., refusing"), or None."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i
             and c.tag_ in {"VBD", "VBZ", "VBP", "MD"}]
    return auxes[0] if auxes else None


def _inverted_subject(verb: Token) -> Token | None:
    """'"...," said the woman, who did not want to be named': the parser takes the inverted subject
    for the subject of a clause on the cue; a subject right after the cue, modified by a relative
    clause or apposition, is the speaker."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        for subject in clause.children:
            if subject.dep_ == "nsubj" and subject.left_edge.i == verb.i + 1 and \
                    any(c.dep_ in {"relcl", "appos"} for c in subject.children):
                return subject
    return None


def _left_subject(verb: Token, asides: bool = True) -> Token | None:
    """A finite cue whose subject the parser lost: 'X, <apposition>, confirmed', 'X (D-Mass.) said',
    'X — now that ... — has' -> X; a name the tagger read as a word ('Jolly said', 'Informed of it,
    Early described it', 'Schilling describes himself') right before the cue."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and (_is_mistagged_name(doc[i]) if asides else
                   doc[i].is_sent_start and doc[i].is_title and doc[i].pos_ in {"ADV", "ADJ"}):
        return doc[i]
    while i >= 0 and doc[i].pos_ == "ADV":
        i -= 1
    if i < 0:
        return None
    if doc[i].pos_ == "PROPN" or is_subject_apposition(doc[i]):
        return doc[i]
    if not asides:
        return _after_comma_aside(doc, i)
    if doc[i].text in _ASIDE_CLOSE:
        opening = _aside_opening(doc, i, _ASIDE_CLOSE[doc[i].text])
        return doc[opening - 1] if opening is not None and opening > 0 and _is_name_like(doc[opening - 1]) else None
    return None


def is_subject_apposition(token: Token) -> bool:
    """'In an interview with hosts X and Y, the Democratic candidate stated', 'Clinton, a top aide
    said,': a common noun phrase after a comma that the parser hangs as an apposition on the name
    before it, right before a finite verb, is that verb's subject, not a description of the name."""
    doc = token.doc
    after = token.right_edge.i + 1
    return token.pos_ == "NOUN" and token.dep_ == "appos" and token.head.i < token.i and \
        token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == "," and \
        after < len(doc) and doc[after].tag_ in {"VBD", "VBZ", "VBP"} and doc[after].pos_ == "VERB"


def _after_comma_aside(doc: Doc, i: int) -> Token | None:
    """The proper noun before one apposition set off by commas (at most 15 tokens) that ends at `i`."""
    if doc[i].text != ",":
        return None
    for j in range(i - 1, max(-1, i - 16), -1):
        if doc[j].text == ",":
            return doc[j - 1] if j > 0 and doc[j - 1].pos_ == "PROPN" else None
    return None


# Marks that close an aside between a subject and its verb, with the mark that opens it.
_ASIDE_CLOSE = {",": ",", ")": "(", "—": "—", "–": "–", "--": "--", "-": "-"}
# How far back (tokens) the opening mark of an aside is looked for.
_ASIDE_REACH = 40


def _aside_opening(doc: Doc, close: int, mark: str) -> int | None:
    """The token index of the mark that opens the aside closed at `close`: the nearest one before it
    within _ASIDE_REACH tokens, and for a comma-set aside the one before the relative clause or
    apposition the aside's last word belongs to ("Merkel, who has adopted ... toward asylum seekers
    fleeing war in the Middle East, warned")."""
    first = max(0, close - _ASIDE_REACH)
    if mark == ",":
        node = doc[close - 1] if close > 0 else None
        while node is not None and first <= node.i < close and node.head.i != node.i:
            if node.dep_ in {"relcl", "appos"} and node.left_edge.i > 0 and doc[node.left_edge.i - 1].text == "," \
                    and node.head.i == node.left_edge.i - 2:
                return node.left_edge.i - 1
            node = node.head
        first = max(0, close - 16)
    return next((j for j in range(close - 1, first - 1, -1) if doc[j].text == mark), None)


def _is_name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" or _is_mistagged_name(token)


def _is_mistagged_name(token: Token) -> bool:
    """A capitalised word tagged as an adverb, adjective, gerund or interjection with no words of its
    own, where a subject stands: a name ("Jolly said", "Early described", "Schilling describes",
    "Trump, meanwhile, was making")."""
    if not token.is_title or token.tag_ not in {"RB", "JJ", "VBG", "UH"}:
        return False
    return not any(not c.is_punct for c in token.children)


def _absolute_subject(verb: Token) -> Token | None:
    """'with Kaja Kallas, the EU's representative, warning against ...' -> Kallas."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    node = doc[i]
    for _ in range(6):
        if node.dep_ == "pobj" and node.head.lower_ == "with":
            return node
        if node.dep_ in {"appos", "prep", "pobj", "poss", "amod", "compound", "conj"} \
                and node.head != node:
            node = node.head
        else:
            return None
    return None


def speaker_extent(head: Token) -> tuple[int, int]:
    """Char span of the speaker phrase: modifiers on the left, nothing past a comma on the right."""
    doc: Doc = head.doc
    left = head.left_edge.i
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    right = head.i
    for tok in doc[head.i + 1:head.right_edge.i + 1]:
        if tok.text in {",", "(", "—", "–", ":"} or tok.dep_ in {"relcl", "acl", "appos", "prep"} or tok.is_space \
                or tok.tag_ in {"WDT", "WP"}:  # "ads that slam": the relative pronoun opens the clause
            break
        right = tok.i
    if doc[right].tag_ == "POS":
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)
