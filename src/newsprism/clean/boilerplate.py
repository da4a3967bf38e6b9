"""Recognise boilerplate lines by what they say: chrome, promos, widgets, footers, credits, notices.

Each rule matches a whole line (a short label) or a phrase that only boilerplate uses. English and
German first, since those are the languages of the seeds and of most of the webpages corpus.
"""

from __future__ import annotations

import re

from newsprism.clean.cleaned import (
    AUTHOR_BIO,
    BYLINE,
    CAPTION,
    COMMENTS,
    CREDIT,
    DISCLAIMER,
    FOOTER,
    PROMO,
    RELATED,
    SITE_CHROME,
    TRANSLATION,
)

# A label line is chrome only when short; longer lines that merely contain the word are prose.
LABEL_MAX_CHARS = 40


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + "|".join(alternatives) + r")\W*$", re.IGNORECASE)


def _phrase(*alternatives: str) -> re.Pattern[str]:
    """One pattern for the alternatives, matched against the lower-cased line. Why, measured on the
    seeds' blocks: alternatives that open with a word boundary share it, so the engine tries them at
    word starts only (half the time of `\\bA|\\bB|...`); and without IGNORECASE it skips an
    alternative on its first letter (2-6 times faster). So the alternatives are written lower-case."""
    bounded = [alt[2:] for alt in alternatives if alt.startswith(r"\b")]
    other = [alt for alt in alternatives if not alt.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(bounded) + ")"] if bounded else []) + other
    return re.compile("|".join(parts))


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
    r"(empfohlener )?(externer|redaktioneller) inhalt", r"empfohlen für (dich|sie)", r"infórmate más",
    r"informate más", r"recommended for you", r"sort(ed)? by\b.*",
)
_CHROME_PHRASE = _phrase(
    r"\bcookies?\b.{0,80}\b(use|using|accept|consent|policy|einverstanden|verwende)",
    r"\b(we|wir) (use|verwenden|nutzen) cookies", r"javascript (is )?(disabled|required)",
    r"\benable javascript\b", r"your browser (is|does not)", r"\bprivacy (policy|settings)\b",
    r"\bdatenschutz(erklärung|einstellungen)?\b", r"\bterms (of (use|service)|and conditions)\b",
    r"\bimpressum\b", r"\blisten to (this|the) (article|story|podcast)\b",
    r"\b\d+ min(ute)?s? (read|listen)\b",
    r"\b(reading time|lesezeit|tiempo de lectura|temps de lecture)\b",
    # Post furniture of blog engines: tag lists, "posted by", "this entry was posted on".
    r"^\W*(tags|tagged( with)?|schlagw(orte|örter)|stichw(orte|örter)|markiert mit|etiquetas|"
    r"mots-clés|filed under|posted in|abgelegt unter)\b\s*:?", r"\btags:? \w+(, [\w ]+){2,}$",
    r"^\W*(eingestellt|veröffentlicht|posted|published|publié|publicado) (von|by|par|por) \S+.{0,60}$",
    r"\b(dieser|der) (beitrag|artikel|eintrag) wurde am\b", r"\bthis entry was posted\b",
    r"\bverschlagwortet\b", r"\bpermanent ?link\b",
    r"\b(reportar|report|signaler|melden sie) (errores|an? error|une erreur|einen fehler)",
    r"\b(submit|write|send) a letter to the editor\b", r"\bwe want to hear (what you think|from you)\b",
    # Form fields as w3m draws them: a checkbox "[ ]"/"[*]" opening the line, a text input "[    ]".
    r"^\[[ *xX]\] ", r"\[ {6,}\]",
)
_PROMO = _phrase(
    r"\bsign ?up\b", r"\bsubscribe\b", r"\bnewsletter\b", r"\bdownload (the|our|\w+) app\b",
    r"\bget the app\b", r"\btry our\b", r"\bfollow us\b", r"\bjoin (us|our)\b",
    r"\bsupport (our|independent) journalism\b", r"\bget started now\b", r"\babonnieren\b",
    r"\bjetzt (abonnieren|anmelden|registrieren)\b", r"\bexplore what .{0,40} can do\b",
    r"\b(download|available) (on|in) the app store\b", r"\bbecome a (member|subscriber|patron)\b",
    r"\bdonate\b", r"\bspenden\b", r"\bunlimited access\b", r"\bvergiss nicht zu teilen\b",
    r"\b(immediate|instant) (online )?access\b",
    # Newsletters, apps and social accounts in the languages of the webpages corpus.
    r"\b(in|into|to) (your|their) inbox(es)?\b", r"\bin (dein|ihr|euer) (e-mail-)?postfach\b",
    r"\bdans (votre|ta) boîte (mail|e-mail|aux lettres|de réception)\b",
    r"\bper e-?mail (zu )?(erhalten|benachrichtig|informier)", r"\bget regular updates\b",
    r"\bstraight to your (phone|inbox)\b", r"\bs[ií]gue?nos en\b", r"\bsuivez-nous\b",
    r"\bfolgen? (sie )?uns\b", r"\bfollow .{1,40} on (social media|twitter|facebook|instagram|linkedin)\b",
    r"\blettres? d'information\b", r"\bread the (rest|full version) of\b",
    r"\b(unterstütze|unterstützen sie) uns\b", r"\bkeine bezahlschranke\b",
    r"\bad-?blocker\b", r"\breceive (a|our) (daily|weekly)\b", r"\bno spam\b",
    r"\bunsubscribe at any time\b", r"\bbenachrichtigung(en)? aktivieren\b", r"\bpush[- ]notifications?\b",
    r"^the latest (news|on|from|headlines)\b[^.!?]*$",
)
# Affiliate, advertising and opinion disclaimers and licence notices.
_DISCLAIMER = _phrase(
    r"\baffiliate[- ]?(links?|program|partner|commission)", r"\bamazon (services llc )?associates?\b",
    r"\b(we|i) (may )?(receive|earn|get) (a )?(small )?(compensation|commission)\b",
    r"\bearns? (revenue|a commission|fees) from qualifying purchases\b",
    r"\breferences to products from\b", r"^\W*disclaimer\b", r"\badvertis(er|ing) (disclosure|disclaimer)\b",
    r"\badvertisers do not influence\b", r"\bn'engagent que (leurs?|son|ses) auteurs?\b",
    r"\bdo(es)? not necessarily (reflect|represent)\b", r"\bgeben nicht (unbedingt )?die meinung\b",
    r"\bcreative[- ]commons[- ]lizen", r"\bsome rights reserved\b",
    r"\b(adresse (de messagerie|e-?mail)|e-?mail address|e-mail-adresse)\b.{0,40}\b(utilisée|used|verwendet)",
)
# A caption ends with its photo credit in brackets or after "Photograph:": "(REUTERS/Denis Balibouse)",
# "(Foto: Natacha Pisarenko/Pool via REUTERS).", "(mlharing / iStock.com)".
_CAPTION = _phrase(
    r"\((foto|fotos|photo|bild|imagen|image|crédit photo|credit|bildquelle)\s?:[^()]{2,80}\)\W*$|"
    r"\([^()]{0,40}\b(reuters|afp|ap|dpa|getty images|istock(\.com)?|shutterstock|epa|efe|imago|"
    r"picture alliance)\b[^()]{0,40}/[^()]{0,40}\)\W*$|"
    r"\([^()]{0,40}/[^()]{0,40}\b(reuters|afp|ap|dpa|getty images|istock(\.com)?|shutterstock|epa|efe|"
    r"imago|picture alliance)\b[^()]{0,40}\)\W*$|"
    # No leading \b: every branch opens with a letter or "(", so the engine skips to those at once.
    r"(photograph|photo|foto|bild|image)s?\s?:\s?(getty images|reuters|afp|ap|dpa|shutterstock|istock|"
    r"epa|imago)\b[^.]{0,30}$",
)
# Inline teasers: "Le puede interesar: JEP abrirá ...", "Read more: ...", "Lesen Sie auch: ...".
_TEASER = _phrase(
    r"^\W*((le|te) puede(n)? interesar|lea también|lee también|read (more|also)|also read|see also|"
    r"lesen sie (auch|mehr)|mehr zum thema|siehe auch|lire aussi|à lire aussi|voir aussi|leggi anche)\s*:",
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
    r"^\W*(\d+|one|two|three|four|five|six|seven|eight|nine|ten) thoughts on\b", r"\bantwort(en)? (auf|zu)\b",
    r"\be-?mail\b.{0,40}\bnicht veröffentlicht\b", r"\b(eingeloggt|angemeldet) sein,? um\b",
    r"\bmust be logged in to\b", r"\bum (dich|sich) (einzuloggen|anzumelden)\b",
    r"\bclick an icon to log in\b",
)
_FOOTER = _phrase(
    r"©", r"\(c\) ?\d{4}", r"\bcopyright\b", r"\ball rights reserved\b", r"\balle rechte vorbehalten\b",
    r"^(about [^:]{1,60}:\s*)?(\S+ ){0,3}\S+ (is|are) an? (independent |leading |online |digital )*"
    r"(news|media|publishing)",
    r"\bour readers\b", r"\bstay informed with us\b", r"^\W*about (us|the author|this site)\W*$",
    r"^\W*über (uns|den autor)\W*$",
)
# "Perry Bacon Jr. is a senior writer for FiveThirtyEight.", "Jane Doe writes about ...".
# Also "Matthew is PCMag's UK-based editor", "Ana Pérez es periodista", "Über Luis Holuch 257 Artikel".
_AUTHOR_BIO = re.compile(
    r"^(about |über )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3},? (?:(?:is|was) (?:a|an|the|[\w.-]+'s) "
    r"[\w -]{0,40}?(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author|blogger|"
    r"engineer|developer|professor|researcher|photographer|producer)\b|"
    r"(?:is|was) an? [\w -]{0,40}?(?:expert|analyst) who (?:has )?(?:covered|written|reported)\b|"
    r"writes (about|for)\b|covers\b|has worked as\b|has covered\b|"
    r"(?:es|est|ist) (?:un |una |une |ein |eine )?(?:periodista|journaliste|journalist(?:in)?|"
    r"redakteur(?:in)?|redactora?|rédact(?:eur|rice)|autor(?:in|a)?|auteur|reporter(?:in)?)\b)|"
    r"^(über|about) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} \d+ (artikel|articles|beiträge|posts)\W*$|"
    r"^\S+ (redakteur|redakteurin|autor|autorin|staff writer|editor|reporter)\W*$")
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
    if _COMMENTS.search(text.lower()):
        return COMMENTS
    return None


def match_boilerplate(text: str) -> str | None:
    """The reason a line is boilerplate wherever it stands, or None when it may be story text."""
    label = match_label(text)
    if label is not None:
        return label
    low = text.lower()
    for pattern, reason, cased in _ANYWHERE:
        if len(text) <= _MAX_CHARS[reason] and pattern.search(text if cased else low):
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
    SITE_CHROME: 300, AUTHOR_BIO: 500, DISCLAIMER: 700, CAPTION: 300, RELATED: 250,
}
# In order of precedence; `cased` patterns read capitals (names), the _phrase ones the lower-cased line.
_ANYWHERE: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (_TRANSLATION, TRANSLATION, False),
    (_CREDIT, CREDIT, True),
    (_BYLINE, BYLINE, True),
    (_FOOTER, FOOTER, False),
    (_AUTHOR_BIO, AUTHOR_BIO, True),
    (_DISCLAIMER, DISCLAIMER, False),
    (_CAPTION, CAPTION, False),
    (_TEASER, RELATED, False),
    (_PROMO, PROMO, False),
    (_COMMENTS, COMMENTS, False),
    (_CHROME_PHRASE, SITE_CHROME, False),
)
