"""Claims and their stance: what one clause of a statement asserts, and whether it affirms or denies it.

A statement's content is split into claims (sentences, then clauses joined by "and that" / "but",
then noun coordinations such as "NATO membership or a return to pre-2014 borders"). Each claim gets:

- `polarity`: +1 when it affirms its topic ("is still on the table", "would allow"), -1 when it
  denies it ("not a realistic outcome", "ruled out", "no concession"); computed as the sign of the
  first polar expression of the clause (lexicon below; +1 when there is none) times (-1) per negator
  in its scope (same clause, before it), times -1 when the reporting cue itself denies ("dismissed",
  "ruled out", "denied"). So "not off the table" and "has not ruled out" are +1.
- `hedged`: a modal/epistemic hedge or "not yet"/"right now" ("not yet off the table" = support,
  hedged).
- `assertive`: False for questions and embedded wh-/whether-clauses ("up to Trump to decide what
  concessions will be made" asserts nothing about concessions) -> neutral stance.
- `frame`: "option" when the claim is about whether something is possible / on the table /
  realistic / allowed; "fact" otherwise.
- `universal`: the option claim is about everything ("everything is on the table", "take anything
  off the table", "all options are open").
- `topic`: the clause with stance words, negators, hedges and reporting words removed; `keys` its
  content lemmas normalised by a small synonym table (membership/accession/join -> "member").

Rules only, over spaCy tokens (lemma, POS); no training. Lexicon chosen from the seeds' and the
example corpus's stance language and checked on the PolNeAR dev pairs (eval/conflict_pairs.jsonl).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.nlp.spacy import load_nlp

# (lemma sequence, sign, frame). Matched on lower-cased lemmas; "*" matches up to 3 tokens.
POLAR: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("on", "the", "table"), +1, "option"),
    (("off", "the", "table"), -1, "option"),
    (("on", "the", "agenda"), +1, "option"),
    (("off", "the", "agenda"), -1, "option"),
    (("within", "reach"), +1, "option"),
    (("out", "of", "reach"), -1, "option"),
    (("part", "of", "a", "solution"), +1, "option"),
    (("part", "of", "the", "solution"), +1, "option"),
    (("rule", "*", "out"), -1, "option"),
    (("no", "way"), -1, "option"),
    (("unrealistic",), -1, "option"),
    (("illusionary",), -1, "option"),
    (("illusory",), -1, "option"),
    (("impossible",), -1, "option"),
    (("infeasible",), -1, "option"),
    (("unthinkable",), -1, "option"),
    (("realistic",), +1, "option"),
    (("possible",), +1, "option"),
    (("feasible",), +1, "option"),
    (("open",), +1, "option"),
    (("allow",), +1, "option"),
    (("permit",), +1, "option"),
    (("alive",), +1, "fact"),
    (("qualified",), +1, "fact"),
    (("unqualified",), -1, "fact"),
    (("qualification",), +1, "fact"),
    (("fit",), +1, "fact"),
    (("unfit",), -1, "fact"),
    (("capable",), +1, "fact"),
    (("incapable",), -1, "fact"),
    (("ban",), -1, "option"),
    (("bar",), -1, "option"),
    (("prohibit",), -1, "option"),
    (("back",), +1, "fact"),
    (("dead",), -1, "fact"),
    (("false",), -1, "fact"),
    (("untrue",), -1, "fact"),
    (("true",), +1, "fact"),
    (("accurate",), +1, "fact"),
    (("inaccurate",), -1, "fact"),
    (("wrong",), -1, "fact"),
    (("deny",), -1, "fact"),
    (("reject",), -1, "fact"),
    (("dismiss",), -1, "fact"),
    (("oppose",), -1, "fact"),
    (("refuse",), -1, "fact"),
    (("support",), +1, "fact"),
    (("favor",), +1, "fact"),
    (("favour",), +1, "fact"),
)
# Polar words of one family answer the same question ("qualified" / "not fit" / "unqualified").
FAMILY = {
    "table": "option", "realistic": "option", "unrealistic": "option", "possible": "option",
    "impossible": "option", "feasible": "option", "infeasible": "option", "reach": "option", "rule": "option",
    "solution": "option", "open": "option", "illusionary": "option", "illusory": "option", "way": "option",
    "unthinkable": "option", "agenda": "option",
    "allow": "allow", "permit": "allow", "ban": "allow", "bar": "allow", "prohibit": "allow",
    "qualified": "qualified", "unqualified": "qualified", "qualification": "qualified", "fit": "qualified",
    "unfit": "qualified", "capable": "capable", "incapable": "capable",
    "alive": "alive", "dead": "alive", "true": "true", "false": "true", "untrue": "true", "accurate": "true",
    "inaccurate": "true", "wrong": "true", "support": "support", "oppose": "support", "favor": "support",
    "favour": "support", "back": "support",
}
NEGATORS = {"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "cannot"}
# Reporting cues that deny their content ("dismissed reports that ...", "ruled out X").
DENYING_CUES = ("dismiss", "deny", "denied", "reject", "rule out", "ruled out", "rules out", "refute",
                "disput", "scoff", "brush", "oppose", "refus", " against")
HEDGES = {"may", "might", "could", "perhaps", "maybe", "probably", "possibly", "apparently", "seem",
          "appear", "likely", "unlikely", "yet", "think", "believe", "suppose", "guess", "expect",
          "hope", "suggest"}
FIRST_PERSON_HEDGES = {"think", "believe", "suppose", "guess"}  # hedges only as "I think"
HEDGE_PHRASES = ("right now", "for now", "at this point", "at the moment", "not yet", "not completely",
                 "not entirely", "a little")
# Words that close a clause for negation scope.
BOUNDARIES = {",", ";", ":", "but", "because", "while", "although", "though", "instead", "however",
              "—", "–", "-", "(", ")"}
WH = {"what", "whether", "which", "how", "why", "who", "if"}
UNIVERSAL = {"everything", "anything", "nothing", "all"}
# Lemmas that carry stance, hedging or reporting, never topic.
STANCE_WORDS = {
    "table", "realistic", "unrealistic", "possible", "impossible", "feasible", "infeasible", "open",
    "allow", "permit", "rule", "out", "reach", "solution", "part", "way", "illusionary", "illusory",
    "outcome", "objective", "goal", "option", "options", "still", "now", "right", "say", "tell",
    "think", "believe", "see", "know", "add", "note", "agenda", "happen", "thing", "people",
    "lot", "talk", "dismiss", "deny", "reject", "oppose", "support", "refuse", "true", "false",
    "accurate", "inaccurate", "wrong", "dead", "alive", "clear", "everything", "anything", "nothing",
    "yes", "today", "yesterday", "week", "year", "time", "day", "moment", "point", "case", "fact",
    "matter", "position", "view", "idea", "question", "issue", "kind", "sort", "something", "someone",
    "one", "go", "get", "make", "take", "do", "be", "have", "come", "want", "need", "look", "seem",
    "appear", "suggest", "expect", "hope", "unthinkable", "favor", "favour", "very", "really", "just",
    "remain", "potential", "consider", "confirm", "qualified", "unqualified", "fit", "unfit", "capable",
    "incapable", "ban", "bar", "prohibit", "back", "qualification",
}
# Synonym normalisation of topic lemmas (same question, different words).
SYNONYMS = {
    "membership": "member", "accession": "member", "join": "member", "entry": "member",
    "border": "border", "line": "border", "frontier": "border", "territory": "border",
    "boundary": "border", "revert": "return", "reverting": "return", "regain": "return",
    "concede": "concession", "conceding": "concession", "concession": "concession",
    "kiev": "ukraine", "kyiv": "ukraine", "kiev's": "ukraine", "ukrainian": "ukraine",
    "u.s.": "us", "u.s": "us", "united": "us", "states": "us", "america": "us", "american": "us", "washington": "us",
    "russian": "russia", "moscow": "russia", "kremlin": "russia",
    "administration": "management", "manage": "management", "management": "management",
    "treaty": "treaty", "agreement": "deal", "deal": "deal",
    "troop": "troops", "soldier": "troops", "deploy": "deploy", "deployment": "deploy",
    "talk": "talks", "negotiation": "talks", "negotiate": "talks",
    "email": "email", "e-mail": "email", "emails": "email",
    "tax": "tax", "taxes": "tax", "prosecute": "charge", "indict": "charge", "indictment": "charge",
    "prosecution": "charge", "charges": "charge", "mishandling": "handle", "handling": "handle",
    "mishandle": "handle",
}
GENERIC_KEYS = {"us", "it", "that", "this", "they", "we", "he", "she"}


@dataclass(frozen=True)
class Claim:
    text: str
    start: int  # offsets into the analysed text
    end: int
    polarity: int  # +1 affirms the topic, -1 denies it
    hedged: bool
    assertive: bool
    frame: str  # option | fact
    universal: bool
    topic: str
    keys: frozenset[str]
    proper: frozenset[str]  # the keys that come from proper names
    cue_words: tuple[str, ...] = ()  # the polar expression found, for explanations
    self_subject: bool = False  # the clause is about its own subject ("he will vote for X", "to attend")

    @property
    def family(self) -> str | None:
        for w in self.cue_words:
            if w in FAMILY:
                return FAMILY[w]
        return None

    @property
    def stance(self) -> str:
        if not self.assertive:
            return "neutral"
        return "support" if self.polarity > 0 else "oppose"


@lru_cache(maxsize=1)
def _nlp() -> Any:
    return load_nlp("en")


def parse_many(texts: Sequence[str]) -> None:
    """Warm the parse cache for many texts at once: nlp.pipe is several times faster than one call
    per short text, and gives the same Docs."""
    todo = [t for t in dict.fromkeys(texts) if t and t not in _CACHE]
    make_room(len(todo))
    for text, doc in zip(todo, _nlp().pipe(todo, batch_size=64, disable=_UNUSED), strict=True):
        _CACHE[text] = doc


def parse_claims_ahead(texts: Sequence[str]) -> None:
    """Parse, in two batches, every text `claims_of` will parse for these statement contents: the
    contents (to split them), then their claims."""
    parse_many(texts)
    parse_many([text[a:b] for text in dict.fromkeys(texts) for a, b in split_claims(text)])


# Stance reads tags, lemmas and dependencies, not entities: without the entity recogniser (~40% of the
# pipeline's time on these short texts) a parse costs a little over half.
_UNUSED = ("ner",)


def is_proper(tok: Any) -> bool:
    """A name-like token: a proper noun, or a capitalised adjective inside the text ("Russian",
    "European") -- what the entity recogniser would tag NORP or GPE."""
    return bool(tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.i > 0 and tok.text[:1].isupper()))


# Statement and claim texts of the stories in hand, keyed by text; cleared when full.
_CACHE: dict[str, Any] = {}
CACHE_LIMIT = 20_000


def parse(text: str) -> Any:
    """The parse of one text, from the shared cache (`parse_many` fills it a batch at a time)."""
    doc = _CACHE.get(text)
    if doc is None:
        make_room(1)
        doc = _CACHE[text] = _nlp()(text, disable=_UNUSED)
    return doc


def make_room(n: int) -> None:
    """Clear the cache when `n` more texts would overflow it: bounded like the embedding cache, and
    a story's texts are parsed together, so a clear costs at most one story's parses again."""
    if len(_CACHE) + n > CACHE_LIMIT:
        _CACHE.clear()


def norm_key(lemma: str) -> str:
    low = lemma.lower().strip(".'’\"")
    return SYNONYMS.get(low, low)


def _lemma(tok: Any) -> str:
    low = tok.text.lower()
    if low in ("n't", "not", "never", "no"):
        return "not" if low == "n't" else low
    return (tok.lemma_ or tok.text).lower()


def _polar_by_first() -> dict[str, list[tuple[tuple[str, ...], int, str]]]:
    """POLAR entries by their first word, in POLAR order (the first matching entry wins). No pattern
    starts with "*", so a pattern can only match where the token is its first word."""
    index: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
    for entry in POLAR:
        if entry[0][0] == "*":
            raise ValueError(f"a POLAR pattern cannot start with a gap: {entry[0]}")
        index.setdefault(entry[0][0], []).append(entry)
    return index


_POLAR_BY_FIRST = _polar_by_first()


def _match_polar(lemmas: list[str], i: int) -> tuple[int, int, str, tuple[str, ...]] | None:
    """The polar pattern starting at token i: (length, sign, frame, words)."""
    for pattern, sign, frame in _POLAR_BY_FIRST.get(lemmas[i], ()) if i < len(lemmas) else ():
        j = i
        ok = True
        for p in pattern:
            if p == "*":
                continue
            # allow a gap of up to 3 tokens where the pattern has "*"
            if pattern.index(p) > 0 and pattern[pattern.index(p) - 1] == "*":
                found = next((k for k in range(j, min(j + 4, len(lemmas))) if lemmas[k] == p), None)
                if found is None:
                    ok = False
                    break
                j = found + 1
                continue
            if j >= len(lemmas) or lemmas[j] != p:
                ok = False
                break
            j += 1
        if ok:
            return j - i, sign, frame, pattern
    return None


SUBORD = {"relcl", "advcl"}


def _subordinate(neg: Any, polar: Any) -> bool:
    """A negator inside a relative/adverbial clause that does not also hold the polar word
    ("Muslims who are not citizens", "..., though he hasn't endorsed her")."""
    node = neg
    while node.head.i != node.i:
        if node.dep_ in SUBORD:
            if polar is None:
                return True
            p = polar
            while p.head.i != p.i and p.i != node.i:
                p = p.head
            return p.i != node.i
        node = node.head
    return False


PRONOUN_SUBJECTS = {"i", "he", "she", "they", "we", "you"}


def _self_subject(doc: Any) -> bool:
    """The main clause's subject is a personal pronoun, or the clause is a subjectless infinitive:
    such claims are about their speaker (whose vote, plan or feeling), not a shared question."""
    toks = [t for t in doc if not t.is_space and not t.is_punct]
    if not toks:
        return False
    if toks[0].lower_ in ("that",) and len(toks) > 1:
        toks = toks[1:]
    if toks[0].lower_ == "to" and toks[0].pos_ in ("PART", "ADP") and len(toks) > 1 and toks[1].pos_ in ("VERB", "AUX"):
        return toks[1].lemma_.lower() in CHOICE_VERBS
    for t in doc:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT",) and t.lower_ in PRONOUN_SUBJECTS:
            verb = t.head
            if verb.lemma_.lower() in ("plan", "intend", "want", "expect", "hope") and any(
                    c.dep_ == "xcomp" for c in verb.children):
                return True
            if verb.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in CHOICE_VERBS
                                                    for c in verb.children):
                return True
            return verb.lemma_.lower() in CHOICE_VERBS
    return False


# Verbs of a person's own choice: "he will vote for Clinton", "they will not attend" are about the
# speaker, so two such claims by different people are different questions.
CHOICE_VERBS = {"vote", "support", "attend", "endorse", "back", "plan", "intend", "want", "prefer", "like",
                "choose", "stay", "go", "leave", "come", "consider", "decide", "run", "join", "sit", "willing",
                "ready", "prepared", "flip", "switch"}


def split_claims(text: str) -> list[tuple[int, int]]:
    """Character ranges of the claims of a statement: sentences, then "and that"/"; "/", but" clauses."""
    doc = parse(text)
    ranges: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        cuts = []
        for tok in sent:
            low = tok.text.lower()
            nxt = tok.nbor(1).text.lower() if tok.i + 1 < len(doc) else ""
            if low == ";" or (low in ("and", "but") and nxt == "that") or (low == "but" and tok.i > sent.start
                                                                              and doc[tok.i - 1].text == ","):
                cuts.append(tok)
        for tok in cuts:
            if tok.idx > start:
                ranges.append((start, tok.idx))
            start = tok.idx + len(tok.text)
            if tok.text.lower() in ("and", "but") and tok.i + 1 < len(doc) and doc[tok.i + 1].text.lower() == "that":
                start = doc[tok.i + 1].idx + 4
        ranges.append((start, sent.end_char))
    out = []
    for a, b in ranges:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not (text[b - 1].isalnum() or text[b - 1] in ".!?%"):
            b -= 1
        if b - a >= 3:
            out.append((a, b))
    return out


def coordinated_topics(doc: Any) -> list[tuple[set[int], set[int]]]:
    """Noun coordinations ("X or Y"): (token ids of the first conjunct, of the second)."""
    pairs = []
    for tok in doc:
        if tok.dep_ == "conj" and tok.pos_ in ("NOUN", "PROPN", "VERB") and tok.head.pos_ in ("NOUN", "PROPN"):
            head = tok.head
            second = {t.i for t in tok.subtree}
            cc = {c.i for c in head.children if c.dep_ == "cc"}
            first = {t.i for t in head.subtree} - second - cc
            # the head's own modifiers that precede it belong to both ("Ukraine's NATO membership")
            pairs.append((first, second))
    return pairs


def is_hedge(lemmas: list[str], k: int) -> bool:
    """A hedge word; "think"/"believe" hedge only in the first person ("I think", "I don't think")."""
    if lemmas[k] not in HEDGES:
        return False
    return lemmas[k] not in FIRST_PERSON_HEDGES or (
        k > 0 and lemmas[k - 1] in ("i", "not") and "i" in lemmas[max(0, k - 3):k])


def analyze_claim(text: str, cue: str | None = None, start: int = 0) -> list[Claim]:
    """The claim(s) one clause makes: one, or one per conjunct of a noun coordination."""
    doc = parse(text)
    toks = [t for t in doc if not t.is_space]
    if not toks:
        return []
    lemmas = [_lemma(t) for t in toks]
    low = text.lower()
    # polar expressions: all non-overlapping matches; the clause's sign is their product
    # ("support a proposal to ban X" = against X; "not allowing" = against)
    matches = []
    i = 0
    while i < len(toks):
        m = _match_polar(lemmas, i)
        if m:
            matches.append((i, *m))
            i += m[0]
        else:
            i += 1
    sign = 1
    frame = "fact"
    words: tuple[str, ...] = ()
    for _, _, sg, fr, ws in matches:
        sign *= sg
        if fr == "option":
            frame = "option"
        words = words + tuple(ws)
    polar = matches[0] if matches else None
    polar_tok = toks[matches[-1][0]] if matches else None
    polar_ids = {k for (i0, ln, *_rest) in matches for k in range(i0, i0 + ln)}
    # negators of the clause, except those inside a relative/adverbial clause without the polar word
    negs = 0
    for k in range(len(toks)):
        if k in polar_ids:
            continue
        if lemmas[k] in NEGATORS or toks[k].text.lower() in ("cannot", "can't", "won't"):
            if _subordinate(toks[k], polar_tok):
                continue
            negs += 1
    # "have yet to begin" negates like "have not begun"
    negs += len(re.findall(r"\b(?:has|have|had|is|are|was|were)\s+yet\s+to\b", low))
    polarity = sign * (-1) ** negs
    if cue and any(d in cue.lower() for d in DENYING_CUES):
        polarity = -polarity
    hedged = any(is_hedge(lemmas, k) for k in range(len(toks))) or any(h in low for h in HEDGE_PHRASES)
    # assertive: not a question, topic not inside a wh-/whether-clause before the polar word
    # a bare noun phrase ("a favorable opinion of him") names a topic, it asserts nothing
    assertive = not text.rstrip().endswith("?") and (bool(matches) or any(
        t.pos_ in ("VERB", "AUX") for t in toks))
    first_content = next((k for k, t in enumerate(toks) if t.pos_ in ("NOUN", "PROPN")), None)
    wh_at = next((k for k, t in enumerate(toks) if t.text.lower() in WH and t.dep_ in ("mark", "det", "dobj",
                                                                                         "nsubj", "advmod",
                                                                                         "nsubjpass", "attr")
                  and k > 0), None)
    if wh_at is not None and (first_content is None or wh_at < first_content or not polar):
        if lemmas[wh_at] in ("whether", "what", "if") or wh_at < (first_content or 0):
            assertive = False
    universal = frame == "option" and any(
        lemmas[k] in UNIVERSAL and (lemmas[k] != "all" or (k + 1 < len(toks) and lemmas[k + 1] in ("option",
                                                                                             "options")))
        for k in range(len(toks)))
    # topic tokens
    topic_ids = [k for k, t in enumerate(toks)
                 if k not in polar_ids and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "NUM")
                 and lemmas[k] not in STANCE_WORDS and lemmas[k] not in NEGATORS
                 and lemmas[k] not in HEDGES and not t.is_stop and len(t.text) > 1]
    topic_all = _topic_text(toks, polar_ids, lemmas)

    def make(ids: list[int]) -> Claim:
        keys = frozenset(norm_key(lemmas[k]) for k in ids) - GENERIC_KEYS
        proper = frozenset(norm_key(lemmas[k]) for k in ids if is_proper(toks[k])) - GENERIC_KEYS
        return Claim(text=text, start=start, end=start + len(text), polarity=polarity, hedged=hedged,
                     assertive=assertive, frame=frame, universal=universal, topic=topic_all, keys=keys,
                     proper=proper, cue_words=tuple(w for w in words if w != "*"),
                     self_subject=self_subj)

    self_subj = _self_subject(doc)
    claims = []
    tok_index = {t.i: k for k, t in enumerate(toks)}
    for first, second in coordinated_topics(doc):
        f = {tok_index[i] for i in first if i in tok_index}
        s = {tok_index[i] for i in second if i in tok_index}
        fk = [k for k in topic_ids if k in f]
        sk = [k for k in topic_ids if k in s]
        if fk and sk:
            rest = [k for k in topic_ids if k not in f and k not in s]
            a = make(fk + rest)
            b = make(sk + rest)
            claims = [_with_topic(a, toks, set(s) | polar_ids, lemmas),
                      _with_topic(b, toks, set(f) | polar_ids, lemmas)]
            break
    if not claims:
        claims = [make(topic_ids)]
    return claims


def _with_topic(claim: Claim, toks: list[Any], drop: set[int], lemmas: list[str]) -> Claim:
    from dataclasses import replace

    return replace(claim, topic=_topic_text(toks, drop, lemmas))


def _topic_text(toks: list[Any], drop: set[int], lemmas: list[str]) -> str:
    kept = [t.text for k, t in enumerate(toks)
            if k not in drop and lemmas[k] not in NEGATORS and t.text.lower() not in ("'", '"', "“", "”", "‘", "’")
            and not (lemmas[k] in HEDGES and t.pos_ in ("AUX", "ADV", "VERB"))]
    return re.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept)).strip()


def claims_of(text: str, cue: str | None = None) -> list[Claim]:
    """Every claim of a statement's content."""
    out: list[Claim] = []
    for a, b in split_claims(text):
        out.extend(analyze_claim(text[a:b], cue, start=a))
    return out
