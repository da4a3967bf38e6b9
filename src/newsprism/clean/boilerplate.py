"""Recognise boilerplate lines by what they say: chrome, promos, widgets, footers, credits, notices.

Each rule matches a whole line (a short label) or a phrase that only boilerplate uses. English and
German first, since those are the languages of the seeds and of most of the webpages corpus.
"""

from __future__ import annotations

import re

from newsprism.clean.cleaned import (
    AUTHOR_BIO,
    BYLINE,
    COMMENTS,
    CREDIT,
    FOOTER,
    PROMO,
    SITE_CHROME,
    TRANSLATION,
)

# A label line is chrome only when short; longer lines that merely contain the word are prose.
LABEL_MAX_CHARS = 40


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + "|".join(alternatives) + r")\W*$", re.IGNORECASE)


def _phrase(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


_CHROME_LABEL = _whole(
    r"logo", r"menu", r"(main )?navigation", r"toggle navigation", r"search", r"suche", r"home",
    r"startseite", r"log ?in", r"sign ?in", r"anmelden", r"share( this( article| story| post)?)?",
    r"teilen", r"tweet", r"print", r"drucken", r"e-?mail", r"facebook", r"twitter", r"x",
    r"whatsapp", r"linkedin", r"pinterest", r"reddit", r"telegram", r"instagram", r"youtube",
    r"(advertisement|advertising|anzeige|werbung|publicidad|publicité|pubblicità)\b.*", r"ad",
    r"sponsored",
    r"skip to (main )?content", r"zum inhalt springen", r"back to top", r"nach oben", r"close",
    r"schließen", r"next", r"previous", r"prev", r"weiter", r"zurück", r"app-?store ?(play-?store)?",
    r"play-?store", r"google play", r"more", r"mehr", r"tags?", r"categories", r"kategorien",
    r"archives?", r"archiv", r"meta", r"rss", r"feed", r"accept( all)?( cookies)?", r"akzeptieren",
    r"[\W\d_]*", r"(image|photo|foto|bild)( credit)?:?.*", r"\w+ background",
)
_CHROME_PHRASE = _phrase(
    r"\bcookies?\b.{0,80}\b(use|using|accept|consent|policy|einverstanden|verwende)",
    r"\b(we|wir) (use|verwenden|nutzen) cookies", r"javascript (is )?(disabled|required)",
    r"\benable javascript\b", r"your browser (is|does not)", r"\bprivacy (policy|settings)\b",
    r"\bdatenschutz(erklärung|einstellungen)?\b", r"\bterms (of (use|service)|and conditions)\b",
    r"\bimpressum\b", r"\blisten to (this|the) (article|story|podcast)\b",
    r"\b\d+ min(ute)?s? (read|listen)\b",
    r"\b(reading time|lesezeit|tiempo de lectura|temps de lecture)\b",
)
_PROMO = _phrase(
    r"\bsign ?up\b", r"\bsubscribe\b", r"\bnewsletter\b", r"\bdownload (the|our|\w+) app\b",
    r"\bget the app\b", r"\btry our\b", r"\bfollow us\b", r"\bjoin (us|our)\b",
    r"\bsupport (our|independent) journalism\b", r"\bget started now\b", r"\babonnieren\b",
    r"\bjetzt (abonnieren|anmelden|registrieren)\b", r"\bexplore what .{0,40} can do\b",
    r"\b(download|available) (on|in) the app store\b", r"\bbecome a (member|subscriber|patron)\b",
    r"\bdonate\b", r"\bspenden\b", r"\bunlimited access\b", r"\bvergiss nicht zu teilen\b",
    r"\b(immediate|instant) (online )?access\b",
)
_COMMENTS = _phrase(
    r"^\W*(\d+ )?(comments?|responses?|replies|kommentare?|antworten)( \(\d+\))?\W*$",
    r"\bno comments( yet)?\b", r"\bleave a (comment|reply)\b", r"\b(add|post|write) a comment\b",
    r"\bjoin the (discussion|conversation)\b", r"\bschreibe einen kommentar\b",
    r"\bkommentar (schreiben|verfassen|abgeben)\b", r"\bhinterlasse einen kommentar\b",
    r"\byour email address will not be published\b", r"\be-mail-adresse wird nicht veröffentlicht\b",
    r"\brequired fields are marked\b", r"\berforderliche felder\b", r"\bpflichtfeld\b",
    r"^\W*(name|e-?mail|website|webseite)( \((required|pflichtfeld)\))?\s*\*?\W*$",
    r"\bcomment policy\b", r"\blog ?in to (comment|reply)\b", r"\breply\b.{0,3}$",
    r"\bthoughts on\b", r"\bantwort(en)? (auf|zu)\b",
)
_FOOTER = _phrase(
    r"©", r"\(c\) ?\d{4}", r"\bcopyright\b", r"\ball rights reserved\b", r"\balle rechte vorbehalten\b",
    r"^(about [^:]{1,60}:\s*)?(\S+ ){0,3}\S+ (is|are) an? (independent |leading |online |digital )*"
    r"(news|media|publishing)",
    r"\bour readers\b", r"\bstay informed with us\b", r"^\W*about (us|the author|this site)\W*$",
    r"^\W*über (uns|den autor)\W*$",
)
# "Perry Bacon Jr. is a senior writer for FiveThirtyEight.", "Jane Doe writes about ...".
_AUTHOR_BIO = re.compile(
    r"^(about |über )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3},? (?:(?:is|was) (?:a|an|the) [\w -]{0,40}?"
    r"(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author|blogger|"
    r"engineer|developer|professor|researcher)\b|writes (about|for)\b|covers\b|has worked as\b)")
_TRANSLATION = _phrase(
    r"\b(automatically|machine[- ]?) translated\b", r"\bmachine translation\b",
    r"\bread the original (article|version|text)\b", r"\bautomatisch übersetzt\b",
    r"\btranslated (automatically|by (deepl|google))\b",
)
_SEO = re.compile(
    r"^(discover|learn (about|how|why|what|more)|find out|explore|uncover|dive into|read about|"
    r"get the latest|stay (updated|informed) (on|about)|check out)\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"^\W*(\(?(additional )?(reporting|writing|editing|compiled|edited|written|reported) by\b|"
    r"[-—–] ?(afp|ap|reuters|dpa|xinhua|ansa|efe|upi)\W*$|"
    r"(with material from|mit material (von|aus)) |(source|quelle): (afp|ap|reuters|dpa|xinhua)\b)",
    re.IGNORECASE)
_BYLINE = re.compile(r"^(?i:by|von|par|por|di)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}\b")


def match_label(text: str) -> str | None:
    """The reason for a short line that is a navigation or widget label, if it is one."""
    if len(text) > LABEL_MAX_CHARS:
        return None
    if _CHROME_LABEL.match(text):
        return SITE_CHROME
    if _COMMENTS.search(text):
        return COMMENTS
    return None


def match_boilerplate(text: str) -> str | None:
    """The reason a line is boilerplate wherever it stands, or None when it may be story text."""
    label = match_label(text)
    if label is not None:
        return label
    for pattern, reason in _ANYWHERE:
        if len(text) <= _MAX_CHARS[reason] and pattern.search(text):
            return reason
    return None


def is_seo_blurb(text: str) -> bool:
    """A blurb that tells the reader what they will find (meta descriptions say "Discover ...")."""
    return bool(_SEO.match(text))


def is_credit(text: str) -> bool:
    return bool(_CREDIT.match(text))


def is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text)) and len(text) <= 80


# Longer lines are prose that mentions the phrase (a story about cookies, a quoted "subscribe").
# Calibrated on the seeds (about paragraph 420 chars, app promo 137) and webpages footers.
_MAX_CHARS = {
    TRANSLATION: 200, CREDIT: 200, BYLINE: 80, FOOTER: 600, PROMO: 160, COMMENTS: 160,
    SITE_CHROME: 300, AUTHOR_BIO: 500,
}
_ANYWHERE: tuple[tuple[re.Pattern[str], str], ...] = (
    (_TRANSLATION, TRANSLATION),
    (_CREDIT, CREDIT),
    (_BYLINE, BYLINE),
    (_FOOTER, FOOTER),
    (_AUTHOR_BIO, AUTHOR_BIO),
    (_PROMO, PROMO),
    (_COMMENTS, COMMENTS),
    (_CHROME_PHRASE, SITE_CHROME),
)
