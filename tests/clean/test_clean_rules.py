"""The text-dump cleaner's general rules, each on a small made-up dump (issue #2)."""

from __future__ import annotations

import re

from newsprism.clean import boilerplate, clean_dump
from newsprism.clean.blocks import split_blocks
from newsprism.clean.cleaned import CAPTION, COMMENTS, DISCLAIMER, PROMO, REASONS, RELATED, SITE_CHROME
from newsprism.clean.features import ends_sentence, language_sample

STORY = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed to "
    "traffic since a storm damaged two of its piers in the autumn of last year.",
    "Engineers told the council that the work would take about eighteen months and that the bridge "
    "would reopen to pedestrians first, while the road deck was being replaced.",
    "The mayor said the city would pay for most of the work from its reserves and that the regional "
    "government had promised to cover the rest of the cost before the end of the year.",
]


def reasons_of(cleaned, needle: str) -> set[str]:
    return {r.reason for r in cleaned.removed if needle in r.text}


def test_wrapped_paragraph_is_joined_with_few_long_lines():
    # One paragraph wrapped at 72 columns: two lines reach the width, mid-sentence.
    text = ("Short menu line\n\n"
            "The council voted on Tuesday to rebuild the old harbour bridge over the\n"
            "river, which has been closed since a storm damaged two of its piers in\n"
            "the autumn of last year.\n")
    blocks = split_blocks(text)
    assert [b.text for b in blocks][-1].startswith("The council voted") and len(blocks) == 2


def test_scraper_lines_are_not_joined():
    text = "First paragraph ends here.\nSecond paragraph starts here and also ends.\n"
    assert len(split_blocks(text)) == 2


def test_sentence_end_across_quotes_images_and_invisible_characters():
    assert ends_sentence("Er sagte: „Wir bleiben.“")
    assert ends_sentence("Stir fry to mix well.[DSC_0518-scaled]")
    assert ends_sentence("Remove and drain on paper towels.\u2063")
    assert not ends_sentence("Home page")


def test_language_sample_skips_rules_and_form_fields():
    text = ("━" * 150 + "\n" + "[" + " " * 150 + "]\n" + "\n".join(STORY * 3))
    sample = language_sample(text)
    assert "━" not in sample and "[ " not in sample


def test_disclaimer_caption_teaser_promo_and_form_lines_go_with_reasons():
    lines = {
        "This site participates in the Amazon Associate program and earns revenue from qualifying "
        "purchases.": DISCLAIMER,
        "Les opinions exprimées dans les blogs n'engagent que leurs auteurs.": DISCLAIMER,
        "Dmitry Muratov, periodista ruso y Premio Nobel de la Paz (REUTERS/Denis Balibouse)": CAPTION,
        "Le puede interesar: JEP abrirá tres nuevos macrocasos": RELATED,
        "Siguenos en Telegram, Instagram, Facebook y Twitter para recibir todas nuestras novedades": PROMO,
        "[ ] I would like to receive offers by email.": SITE_CHROME,
        "Tags: fashion, outdoor, winter, hiking": SITE_CHROME,
    }
    for line, reason in lines.items():
        assert boilerplate.match_boilerplate(line) == reason, line
    assert all(reason in REASONS for reason in lines.values())


def test_story_sentences_are_not_taken_for_boilerplate():
    for line in ("Officials said they would support US efforts to end the war.",
                 "Die Namen der Opfer werden nicht veröffentlicht.",
                 "She said she would follow the talks on X closely.",
                 "The report was published in a letter to the editor of the journal."):
        assert boilerplate.match_boilerplate(line) is None, line


def test_lowercased_patterns_hold_no_capitals():
    # _phrase patterns are matched against the lower-cased line: a capital in one would never match.
    for pattern, _reason, cased in boilerplate._ANYWHERE:
        if not cased:
            literal = re.sub(r"\\.", "", pattern.pattern).replace("xX", "x")
            assert not any(ch.isupper() for ch in literal), pattern.pattern


def test_lead_sentence_above_the_first_good_paragraph_stays():
    lead = "The harbour bridge will be rebuilt within two years, the council decided."
    chrome = ["Home", "News", "Local", "Share", "Tweet", "Print", "Email", "Subscribe now"]
    text = "\n\n".join(["Bridge to be rebuilt", lead, *chrome, *STORY, "© 2025 Harbour Times"])
    cleaned = clean_dump(text)
    assert lead in cleaned.text and STORY[0] in cleaned.text
    assert reasons_of(cleaned, "Tweet") == {SITE_CHROME}


def test_comments_link_in_a_share_bar_does_not_end_the_story():
    text = "\n\n".join(["Bridge to be rebuilt", STORY[0], "• Comments", STORY[1], STORY[2]])
    cleaned = clean_dump(text)
    assert STORY[2] in cleaned.text
    assert reasons_of(cleaned, "Comments") == {COMMENTS}
