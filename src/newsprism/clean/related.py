"""Find the sections of a page that are not the story: related-article teasers and comments.

A section starts at a heading line ("Related Articles", "More stories", "Read more", "Comments",
...) once the story has begun, and runs until the next such heading. Inside a related section,
teaser furniture (a repeated title, an outlet name, "time2 hours ago") and long paragraphs about
other events go; a paragraph that shares most of its vocabulary with the story ends the section,
because then the heading was an inline link and the story goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.clean.cleaned import COMMENTS, RELATED

_RELATED_HEADING = re.compile(
    r"^\W*(related( articles?| stories| posts?| news| content| coverage| reading| topics)?|"
    r"more (stories|news|articles|posts|headlines|from [\w .'-]{1,30}|on (this|the)( topic| story)?|"
    r"in [\w .'-]{1,30})|read (more|also|next)|see also|also read|"
    r"recommended( for you| stories| articles| reading)?|you (may|might) (also )?(like|enjoy)|"
    r"trending( now| stories)?|most (read|popular|viewed|shared)|popular (posts|stories|articles)|"
    r"latest (news|stories|posts|articles|headlines)|top stories|what to read next|editor'?s picks|"
    r"weitere (artikel|beiträge|nachrichten|themen)|das könnte sie auch interessieren|"
    r"mehr zum thema|ähnliche (artikel|beiträge|themen)|verwandte (artikel|beiträge)|lesen sie auch|"
    r"auch interessant|beliebte beiträge|neueste beiträge|letzte beiträge|meistgelesen|"
    r"das könnte dich auch interessieren|passend (dazu|zum thema)|"
    r"(te|le) puede(n)? interesar|también te puede interesar|mirá también|lee también|"
    r"noticias relacionadas|más (sobre|noticias).{0,40}|à lire aussi|lire aussi|voir aussi|"
    r"sur le même sujet|leggi anche|potrebbe interessarti)\W*$",
    re.IGNORECASE,
)
_COMMENTS_HEADING = re.compile(
    r"^\W*((\d+ )?(comments?|responses?|replies|kommentare|antworten)( \(\d+\))?|"
    r"(\d+|one|two|three|eine|zwei) (thoughts?|responses?|antworten?|kommentare?) (on|to|auf|zu) .{1,200}|"
    r"leave a (comment|reply)|join the (discussion|conversation)|discussion|diskussion|"
    r"schreibe einen kommentar|kommentar (schreiben|verfassen)|dejá tu comentario|deja tu comentario|"
    r"comentarios|commentaires|laisser un commentaire)\W*$",
    re.IGNORECASE,
)
# "time2 hours ago", "5 mins ago", "vor 3 Stunden", "• Al Arabiya": teaser furniture.
_TEASER_META = re.compile(
    r"^\W*(time\s*)?(\d+\s*(sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago|"
    r"vor \d+ (sekunden|minuten|stunden|tagen|wochen)|yesterday|gestern|just now)\W*$|^\s*[•·]\s*\S",
    re.IGNORECASE,
)

# A paragraph in a related section continues the story when this share of its topic words
# already occur in the story (seed 001: the Epstein and arms teasers share 0.18 and 0.31 with the
# Reuters story; the story's own paragraphs share 0.5-0.8 with the rest of it).
CONTINUATION_OVERLAP = 0.5
# A related box inside the story (a heading and one or two teaser titles) ends at the next good
# paragraph whatever it says: a section of other stories carries an outlet and a time per teaser
# (seed 001: six lines before the first teaser's paragraph; the examples' "Mehr zum Thema": one).
# After a credit line ("Reporting by ...") the story is over and no box applies.
BOX_MAX_LINES = 2


@dataclass(frozen=True)
class Section:
    kind: str  # RELATED or COMMENTS
    heading: int  # block index of the heading


def heading_kind(text: str) -> str | None:
    """RELATED or COMMENTS when the line is a section heading of that kind."""
    if len(text) > 250:
        return None
    if _RELATED_HEADING.match(text):
        return RELATED
    if _COMMENTS_HEADING.match(text):
        return COMMENTS
    return None


def is_teaser_meta(text: str) -> bool:
    return bool(_TEASER_META.match(text))


def topic_overlap(words: set[str], story: set[str]) -> float:
    """Share of a paragraph's topic words that the story also uses."""
    return len(words & story) / len(words) if words else 0.0
