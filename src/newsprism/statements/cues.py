"""Small, documented word lists: reporting verbs, role nouns, honorifics, name variants.

Calibration: the reporting-verb list started from the verbs named in the brief and was extended with
the most frequent cue lemmas of PolNeAR train/ (counted by `eval/polnear.py --cues`), keeping a lemma
only when its predicted statements matched a gold attribution at least half of the time on train/.
Everything else here is hand-made and deliberately small.
"""

from __future__ import annotations

# Verbs that introduce speech or a stated position; the complement clause is the content.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "note", "warn", "stress", "rule", "dismiss", "describe", "confirm",
    "announce", "emphasize", "emphasise", "suggest", "indicate", "clarify", "mention", "state",
    "explain", "argue", "claim", "insist", "acknowledge", "admit", "deny", "assert", "reiterate",
    "declare", "write", "tweet", "report", "reply", "respond", "answer", "predict", "promise",
    "vow", "pledge", "urge", "caution", "comment", "complain", "concede", "contend", "maintain",
    "point", "recall", "reveal", "signal", "testify", "accuse", "call", "ask", "continue",
    "conclude", "agree", "criticize", "praise", "propose", "question", "repeat", "boast",
    "observe", "remark", "underscore", "underline", "affirm", "allege", "estimate", "counter",
    "joke", "quip", "charge", "decline", "refuse", "demand", "threaten", "express",
    "believe", "think", "hope", "fear", "expect", "want", "worry", "show", "find",
    # Stances PolNeAR train/ marks as attributions (most frequent misses of the first run):
    "support", "back", "prefer", "thank", "mock", "discuss", "endorse", "congratulate", "cite",
    "offer", "see", "learn", "chant", "oppose",
})

# Verbs whose direct object (not only a clause) is the content: "stressed the importance of ...".
OBJECT_CONTENT_VERBS = frozenset({
    "stress", "emphasize", "emphasise", "describe", "dismiss", "rule", "confirm", "announce",
    "deny", "reject", "criticize", "praise", "propose", "reiterate", "express", "call", "predict",
    "promise", "pledge", "vow", "mention", "acknowledge", "admit", "demand", "question", "signal",
    "reveal", "underscore", "underline", "repeat", "decline", "refuse", "urge", "show", "find",
    "want", "expect", "fear", "report", "write", "tweet",
    "support", "back", "prefer", "thank", "mock", "discuss", "endorse", "congratulate", "cite",
    "offer", "chant", "oppose",
})

# Verb -> prepositions whose object is the content ("warned against X", "talked about X").
PREP_CONTENT = {
    "warn": frozenset({"against", "of", "about"}),
    "caution": frozenset({"against", "about"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "insist": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "comment": frozenset({"on"}),
    "call": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "write": frozenset({"about"}),
    "ask": frozenset({"about", "for"}),
}

# Phrasal verbs: the lemma counts as a cue only with this particle ("ruled out", "pointed out").
REQUIRED_PARTICLE = {"rule": "out", "point": "out"}

# Mental-state verbs are cues only with a clause ("believes that ..."), never with an object.
CLAUSE_ONLY = frozenset({"believe", "think", "hope", "worry", "say", "add", "ask", "continue",
                         "agree", "conclude", "answer", "reply", "respond", "counter", "joke",
                         "argue", "claim", "insist", "note", "suggest", "indicate", "explain",
                         "warn", "tell", "state", "assert", "declare", "contend", "maintain",
                         "observe", "remark", "recall", "point", "clarify", "testify", "show", "find", "see",
                         "learn"})

# Nouns that denote a person by office or role; heads of descriptions like "the senior official".
ROLE_NOUNS = frozenset({
    "official", "secretary", "president", "envoy", "chief", "minister", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "senator", "governor", "leader", "diplomat",
    "adviser", "advisor", "aide", "general", "chancellor", "premier", "director", "head",
    "representative", "commissioner", "mayor", "candidate", "nominee", "lawmaker", "congressman",
    "congresswoman", "chairman", "chairwoman", "prosecutor", "judge", "attorney", "host",
    "negotiator", "strategist", "pollster", "manager", "analyst", "expert", "officer", "ceo",
})

# Heads that describe a person without an office: they resolve only to the current speaker.
GENERIC_PERSON_NOUNS = frozenset({"official", "american", "man", "woman", "politician",
                                  "us-american", "spokesperson", "source", "republican",
                                  "democrat", "diplomat"})

# Role synonyms: descriptions that name the same office. Keep it small: one line per office.
ROLE_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"pentagon chief", "defense chief", "defence chief", "defense secretary",
               "defence secretary", "secretary of defense", "secretary of defence",
               "defense minister", "defence minister", "pentagon head"}),
    frozenset({"treasury secretary", "secretary of the treasury"}),
    frozenset({"secretary of state", "top diplomat", "foreign minister"}),
)

# Honorifics are dropped from names; they state gender where they can.
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
              "miss": "f", "dr": None, "dr.": None, "sir": "m", "dame": "f"}

# Country adjectives and abbreviations that mean the same country in roles ("US president").
COUNTRY_VARIANTS = {
    "u.s.": "us", "us": "us", "usa": "us", "u.s.a.": "us", "american": "us", "united states": "us",
    "russian": "russia", "russia": "russia", "ukrainian": "ukraine", "ukraine": "ukraine",
    "german": "germany", "french": "france", "british": "uk", "u.k.": "uk", "uk": "uk",
    "chinese": "china", "european": "eu", "eu": "eu",
}

# Transliteration and spelling variants of place names, mapped to one form.
PLACE_VARIANTS = {"kiev": "kyiv", "kyiv": "kyiv", "odessa": "odesa", "kharkov": "kharkiv",
                  "u.s.": "united states", "us": "united states", "usa": "united states",
                  "u.s.a.": "united states", "america": "united states",
                  "the united states": "united states", "united states": "united states",
                  "u.k.": "united kingdom", "uk": "united kingdom", "britain": "united kingdom",
                  "moskva": "moscow"}

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
