"""Whether a timeline description reads as one event: who did what, in words a reader can follow.

The last check before an entry is made (`events.entry_of`). The description was cut out of a
sentence by the parse, so it can lose what made it readable: its actor ("Initially a Democrat, he ran
...", "King called him", "That figure actually grew"), or words around a removed date ("What a !",
"served as governor of Arkansas he was elected"). Precision first: such a description makes no entry,
since a reader cannot tell who did what from it (issue 22, round 3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import Mention

__all__ = ["unnamed_person", "unreadable"]

# Quoted words are the speaker's own: their pronouns and fragments are not the description's.
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# A function word left dangling where a date or a clause was cut ("What a !", "As, a Google search",
# "Donald J. Trump's the, terrorist attacks", "Passed, the Bush-era rule").
DANGLING = re.compile(
    r"\b(?:the|a|an|of|from|as|to|in|on|at|by|between|before|after|during|since|until|with)\s*(?:[,.!?;:]|$)"
    r"|'s\s+the\b|’s\s+the\b|\bthe\s+[’']s\b|^(?:As|Passed|Held|Signed|Made|Set|Born|Founded|Reached),\s"
    # a coordination or an attribution that lost its other half ("from and they returned", "in 2002
    # and, but"; "Huntsville said The Texas Department ...": a name that is no speaker)
    r"|\b(?:and|or|but)\s*[,;:]|\b(?:from|of|between)\s+(?:and|or|but)\b|\bsaid\s+(?-i:And|But|The|A|An)\b",
    re.I)
# An article before punctuation, quoted words included: a date cut out of a quote ("What a !").
BARE_ARTICLE = re.compile(r"\b(?:the|a|an)\s*[,.!?;:]", re.I)
# An unbalanced bracket: the description was cut inside it ("spending $102 million ($174 a vote").
OPEN_BRACKET = re.compile(r"\([^)]*$")
# A subject that points back at something the description does not say ("That figure", "These
# groups"); a name follows only in a longer subject ("That Obama speech" stays).
ANAPHORIC_START = re.compile(r"^(?:That|This|These|Those|Such)\s+[a-z]")
# A holder's meeting or briefing alone ("The prime minister's meeting with Trump", "Dale Price's news
# conference") says that it took place, not what happened; "Russia's annexation of Crimea" does.
BARE_MEETING = re.compile(r"^[^:“\"]+['’]s?\s+(?:[\w-]+\s+)?(?:meeting|conference|briefing|interview|talks|"
                          r"visit|trip|appearance|session)(?:\s+with\s+[^,:]+)?\.?$")
PERSONAL = re.compile(r"\b(?:he|she|his|him|her|hers)\b", re.I)
OBJECT_HER = re.compile(r"\bher\b(?=\s*(?:[,.;:!?…]|$|\s(?:to|and|or|again|as|in|on|at|for|with|about|that|"
                        r"the|a|an|if|when|after|before|into|over|out|up|back|down|off)\b))", re.I)
# A person named by a holder before an object pronoun ("stabbed his wife ... to pin her").
HOLDER_NOUN = re.compile(r"\b(?:his|her|their)\s+[a-z]+\b")
# A description this short says what happened only with a name in it ("Bloomberg turned 74", not
# "Exit polls were conducted", "The season ended", "Unfolds").
SHORT_WORDS = 4
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # "The 2008 primaries ended" says which event


def unreadable(text: str, names: Sequence[str]) -> str | None:
    """Why `text` does not read as one event (a short reason), or None when it does. `names`: the
    names of the entities the event's mentions linked (its speakers and participants)."""
    plain = QUOTED.sub(" “…” ", text)
    if DANGLING.search(plain) or OPEN_BRACKET.search(plain) or BARE_ARTICLE.search(text):
        return "garbled"
    if ANAPHORIC_START.match(plain):
        return "anaphoric subject"
    if BARE_MEETING.match(plain):
        return "a meeting or a briefing, not what happened"
    found = name_spans(plain, names)
    if len(text.split()) <= SHORT_WORDS and not found and not YEAR.search(plain):
        return "too short to say who did what"
    for pronoun in PERSONAL.finditer(plain):
        before = {name for start, name in found if start < pronoun.start()}
        word = pronoun.group(0).lower()
        possessive = word == "his" or (word == "her" and OBJECT_HER.match(plain, pronoun.start()) is None)
        if possessive:
            continue  # its holder is the clause's own subject ("A 45-year-old nurse quit his job")
        if not before:
            return f"unresolved {word!r}"
        # an object pronoun is not its clause's own subject ("King called him"): another name must precede
        if word in ("him", "her") and len(before) < 2 and not HOLDER_NOUN.search(plain, 0, pronoun.start()):
            return f"unresolved {word!r}"
    return None


def name_spans(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    """Where the text names one of `names` (by its last word: "Trump" for "Donald J. Trump")."""
    out = []
    for name in names:
        words = name.split()
        if words and words[-1][:1].isupper():
            out += [(m.start(), name) for m in re.finditer(rf"\b{re.escape(words[-1])}\b", text)]
    return out


def unnamed_person(mentions: Sequence[Mention], at: int) -> bool:
    """Whether the word at `at` is inside a description of a person that entity linking left
    unresolved ("The four-time All-Star", "A stiff campaigner"): the clause then says not who."""
    return any(m.kind == "description" and m.type == "PERSON" and m.entity is None and m.start <= at < m.end
               for m in mentions)
