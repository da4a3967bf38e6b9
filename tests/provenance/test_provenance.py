"""Provenance on the seeds: who copied, rewrote or translated whom, and where a rewrite changed meaning.

The seed articles are built by slicing each seed file between marker strings (the cleaner's job, until
it lands); the corpus text is read from ../shared, never copied here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

import pytest

from conftest import SEEDS, seed_path
from newsprism.model import Article


@dataclass(frozen=True)
class SeedSpec:
    prefix: str
    start: str
    end: str
    title: str
    published: str | None
    outlet: str
    credits: tuple[str, ...] = ()
    dateline: str | None = None
    translated: bool = False


SPECS = (
    SeedSpec(
        "000",
        "MUNICH, Feb 13 (Reuters)",
        "ascertain their sincerity.",
        "Ukraine NATO Membership: Conflicting Views on the Table",
        "2025-02-14",
        "BreakingOn",
        ("Reuters",),
        "MUNICH, Feb 13 (Reuters)",
    ),
    SeedSpec(
        "001",
        "A senior US official on Thursday",
        "you find out fast.'",
        "NATO membership for Ukraine not off the table, US official says",
        "2025-02-14",
        "Al Arabiya",
    ),
    SeedSpec(
        "002",
        "Ukraine's accession to NATO is unrealistic",
        "said the US-American confidently.",
        "Ukraine’s accession to NATO “not yet off the table”",
        "2025-02-14",
        "Translated",
        translated=True,
    ),
    SeedSpec(
        "003",
        "WASHINGTON, Feb. 12 (Xinhua)",
        "when Bessent will make the trip.",
        "U.S. defense chief rules out NATO membership for Ukraine in peace settlement with Russia",
        "2025-02-13",
        "Xinhua",
        ("Xinhua",),
        "WASHINGTON, Feb. 12 (Xinhua)",
    ),
    SeedSpec(
        "004",
        "According to US President Donald Trump, the Pentagon",
        "to any lasting agreement.",
        "Trump confirms Ukraine will not join NATO",
        None,
        "Vietnamese outlet",
    ),
)


def _body(raw: str, start: str, end: str) -> str:
    begin = raw.index(start)
    stop = raw.index(end, begin) + len(end)
    lines = [line.strip() for line in raw[begin:stop].splitlines()]
    return "\n".join(line for line in lines if line)


@cache
def seed_articles() -> tuple[Article, ...]:
    """The five seed stories as Articles (id = "seed-NNN")."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    articles = []
    for spec in SPECS:
        text = _body(seed_path(spec.prefix).read_text(encoding="utf-8"), spec.start, spec.end)
        articles.append(
            Article(
                id=f"seed-{spec.prefix}",
                source=str(seed_path(spec.prefix)),
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                outlet=spec.outlet,
                title=spec.title,
                published=spec.published,
                language="en",
                dateline=spec.dateline,
                credits=spec.credits,
                translated=spec.translated,
            )
        )
    return tuple(articles)


# ------------------------------------------------------------------------------------- helpers


def _by_id() -> dict[str, Article]:
    return {a.id: a for a in seed_articles()}


@cache
def _derivations():
    from newsprism.provenance.derive import derive

    return derive(seed_articles())


def _between(x: str, y: str):
    return [
        d
        for d in _derivations()
        if {d.source, d.target} == {x, y}
        or (d.source is None and d.target in (x, y) and d.kind == "shared-source")
    ]


def _sentence(article: Article, marker: str) -> str:
    """The sentence of `article` that starts with `marker` (markers are a few words, not corpus text)."""
    from newsprism.stories.embed import split_sentences

    for start, end in split_sentences(article.text):
        if article.text[start:end].lstrip("'\"“‘").startswith(marker):
            return article.text[start:end]
    raise AssertionError(f"no sentence starts with {marker!r}")


# --------------------------------------------------------------------------------- derivations


def test_rewrite_000_is_linked_to_the_reuters_copy_001() -> None:
    found = [d for d in _derivations() if {d.source, d.target} == {"seed-000", "seed-001"}]
    assert found, _derivations()
    derivation = found[0]
    assert derivation.kind in ("rewrite", "shared-source")
    assert derivation.source == "seed-001" and derivation.target == "seed-000"  # 001 holds the details
    assert derivation.source_name == "Reuters"
    assert len(derivation.alignments) >= 8
    articles = _by_id()
    for pair in derivation.alignments:
        assert pair.source.article_id == "seed-001" and pair.target.article_id == "seed-000"
        assert articles["seed-001"].text[pair.source.start : pair.source.end].strip()
        assert articles["seed-000"].text[pair.target.start : pair.target.end].strip()


def test_translated_002_is_linked_to_the_reuters_reporting() -> None:
    found = [d for d in _derivations() if "seed-002" in (d.source, d.target)]
    assert found
    assert all(d.kind in ("translation", "shared-source") for d in found)
    assert any({d.source, d.target} & {"seed-000", "seed-001"} and len(d.alignments) >= 5 for d in found)
    assert any(d.source_name == "Reuters" for d in found)


def test_independent_xinhua_003_is_not_derived() -> None:
    assert not [d for d in _derivations() if "seed-003" in (d.source, d.target)]


def test_vietnamese_004_is_not_derived() -> None:
    assert not [d for d in _derivations() if "seed-004" in (d.source, d.target)]


def test_precomputed_alignments_are_used() -> None:
    from newsprism.provenance.derive import derive
    from newsprism.stories.align import align_articles

    a, b = _by_id()["seed-000"], _by_id()["seed-001"]
    derived = derive([a, b], {(b.id, a.id): align_articles(b, a)})
    assert len(derived) == 1 and derived[0].source == b.id


# --------------------------------------------------------------------------------- distortions


@cache
def _distortions():
    from newsprism.conflicts.distortion import find_distortions

    return find_distortions(seed_articles(), _derivations())


def test_earlier_on_thursday_became_earlier_in_the_week() -> None:
    found = [c for c in _distortions() if "Earlier on Thursday" in c.explanation]
    assert len(found) == 1, [c.explanation for c in _distortions()]
    conflict = found[0]
    assert conflict.kind == "distortion" and conflict.id.startswith("dist-")
    assert "'Earlier in the week'" in conflict.explanation and "date changed" in conflict.explanation
    articles = _by_id()
    for evidence in conflict.evidence:
        assert articles[evidence.article_id].text[evidence.start : evidence.end] == evidence.text
    assert [e.article_id for e in conflict.evidence] == ["seed-001", "seed-000"]
    assert 0 < conflict.confidence <= 1


def test_distortion_ids_are_stable() -> None:
    from newsprism.conflicts.distortion import find_distortions
    from newsprism.provenance.derive import derive

    again = find_distortions(seed_articles(), derive(seed_articles()))
    assert [c.id for c in again] == [c.id for c in _distortions()]


# Sentence pairs (001 -> 000, by their opening words) that only reword: no distortion allowed.
REWORDED = (
    ("A senior US official on Thursday", "MUNICH, Feb 13 (Reuters)"),
    ("His comments sparked concern", "Hegseth’s remarks raised concerns"),
    ("Speaking after Coale's comments", "Responding to Coale's comments"),
    ("Steve Witkoff, the US Middle East envoy", "Steve Witkoff, the U.S. Middle East envoy"),
    ("It is unclear what exactly", "Regarding Moscow, it remains uncertain"),
    ("But Coale said Putin appears", "However, Coale indicated"),
    ("Ukrainian President Volodymyr Zelenskyy warned", "Ukrainian President Volodymyr Zelenskiy cautioned"),
    ("The opposing messages on Ukraine", "Coale is attending the annual"),
)


def test_plain_rewording_is_not_a_distortion() -> None:
    from newsprism.conflicts.distortion import check_pair

    articles = _by_id()
    source, target = articles["seed-001"], articles["seed-000"]
    for before, after in REWORDED:
        pair = (_sentence(source, before), _sentence(target, after))
        assert check_pair(*pair, source.text) == (), pair
    reworded_starts = {_sentence(target, after) for _, after in REWORDED}
    assert not [c for c in _distortions() if c.evidence[1].text in reworded_starts]


def test_translation_pairs_in_002_are_not_distortions() -> None:
    assert not [c for c in _distortions() if "seed-002" in c.articles and c.confidence >= 0.6]


@pytest.mark.parametrize(
    ("before", "after", "check"),
    [
        (
            "The minister said 12 people were hurt in the blast.",
            "The minister said 21 people were hurt.",
            "number",
        ),
        ("Officials appeared to back the plan on Monday.", "Officials backed the plan on Monday.", "hedge"),
        (
            "The company did not confirm the merger talks with its rival.",
            "The company confirmed the merger talks with its rival.",
            "negation",
        ),
        (
            "'I think we can win this,' the coach said.",
            "The coach confirmed that the team will win.",
            "quote",
        ),
        (
            "The vote took place on Tuesday, the clerk said.",
            "The vote took place on Friday, the clerk said.",
            "time",
        ),
    ],
)
def test_each_check_fires_on_a_clear_change(before: str, after: str, check: str) -> None:
    from newsprism.conflicts.distortion import check_pair

    assert check in [f.check for f in check_pair(before, after)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "The minister said 12 people were hurt in the blast.",
            "Twelve people were injured, the minister said.",
        ),
        ("Officials appeared to back the plan on Monday.", "On Monday officials seemed to support the plan."),
        ("The firm did not comment, a spokesman said.", "A spokesman said the firm declined to comment."),
        ("He arrived in Paris this week, aides said.", "Aides said he arrived in Paris earlier this week."),
    ],
)
def test_rewording_does_not_fire(before: str, after: str) -> None:
    from newsprism.conflicts.distortion import check_pair

    assert check_pair(before, after) == ()


# ------------------------------------------------------------ the fictional example corpus (on disk)


@cache
def example_articles() -> dict[str, Article]:
    """examples/corpus ingested (read and cleaned) into a throwaway store; file name -> Article."""
    import tempfile
    from pathlib import Path

    from conftest import EXAMPLES
    from newsprism.pipeline import ingest
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    store = open_store(str(Path(tempfile.mkdtemp()) / "ex.db"))
    ids = ingest([str(EXAMPLES / "corpus")], Run(store)).article_ids
    return {Path(a.source).name: a for a in store.get_articles(ids)}


def _expected() -> dict:
    import json

    from conftest import EXAMPLES

    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@cache
def _example_provenance():
    from newsprism.conflicts.distortion import find_distortions
    from newsprism.provenance.derive import derive

    articles = example_articles()
    karsk = [a for name, a in articles.items() if not name.startswith("feed.jsonl")]
    derivations = derive(karsk)
    return derivations, find_distortions(karsk, derivations)


def _file_of(article_id: str | None) -> str | None:
    return next((name for name, a in example_articles().items() if a.id == article_id), None)


def test_example_derivations_match_the_answer_key_with_directions() -> None:
    derivations, _ = _example_provenance()
    found = {(_file_of(d.source), _file_of(d.target), d.kind) for d in derivations if d.directed}
    expected = {(d["source"], d["target"], d["kind"]) for d in _expected()["derivations"]}
    assert found == expected, sorted(found)  # no echo through the copy, no wire -> back-translation link


def test_a_copy_does_not_repeat_its_originals_derivations() -> None:
    from newsprism.provenance.derive import prune
    from newsprism.stories.align import align_articles

    articles = example_articles()
    wire, copy, rewrite = (
        articles[n] for n in ("wire_meridian_karsk.txt", "aggregator_wirestream24.txt", "rewrite_harbour_ledger.txt")
    )
    from newsprism.provenance.derive import derive_pair

    raw = [derive_pair(x, y, align_articles(x, y)) for x, y in ((wire, copy), (wire, rewrite), (copy, rewrite))]
    assert all(raw) and len(raw) == 3
    kept = prune([d for d in raw if d], {a.id: a for a in (wire, copy, rewrite)})
    assert {(d.source, d.target) for d in kept} == {(wire.id, copy.id), (wire.id, rewrite.id)}


def test_example_planted_distortions_are_found_once_and_nothing_else() -> None:
    _, distortions = _example_provenance()
    expected = list(_expected()["distortions"])
    for planted in expected:
        hits = [
            c
            for c in distortions
            if c.evidence[1].text.strip().startswith(planted["target_text"][:40])
            and _file_of(c.evidence[0].article_id) == planted["source"]
        ]
        assert len(hits) == 1, (planted["kind"], [c.explanation for c in distortions])
        assert hits[0].evidence[0].text.strip().rstrip(".") in planted["source_text"] or planted[
            "source_text"
        ].rstrip(".") in hits[0].evidence[0].text
    assert len(distortions) == len(expected), [c.explanation for c in distortions]
    quote = next(c for c in distortions if "ruled out" in c.evidence[1].text)
    assert "I don't think" in quote.explanation and "firmer paraphrase" in quote.explanation


def test_example_faithful_paraphrases_and_translations_are_not_flagged() -> None:
    _, distortions = _example_provenance()
    for faithful in _expected()["faithful_paraphrases"]:
        assert not [c for c in distortions if faithful["target_text"] in c.evidence[1].text], faithful
    translated = {"kontinent_kurier_de.txt", "kontinent_kurier_en_mt.txt", "aggregator_wirestream24.txt"}
    assert not [c for c in distortions if {_file_of(a) for a in c.articles} & translated]


def test_attribution_kept_by_a_reporting_verb_is_not_dropped() -> None:
    from newsprism.conflicts.distortion import check_pair

    wire = example_articles()["wire_meridian_karsk.txt"].text
    rewrite = example_articles()["rewrite_harbour_ledger.txt"].text
    for before, after in (
        (_sentence_in(wire, "Releases from the dam"), _sentence_in(rewrite, "Releases from the dam")),
        (_sentence_in(wire, "According to the Amel"), _sentence_in(rewrite, "Some 2,100")),
    ):
        assert "attribution" not in [f.check for f in check_pair(before, after, wire, "en", "en")]
    assert "attribution" in [
        f.check for f in check_pair("Prices rose 5%, the bank said.", "Prices rose 5%.", "", "en", "en")
    ]


def _sentence_in(text: str, marker: str) -> str:
    from newsprism.stories.embed import split_sentences

    return next(text[s:e] for s, e in split_sentences(text) if text[s:e].lstrip("'\"“‘").startswith(marker))


def test_cross_language_pairs_compare_numbers_after_locale_normalisation() -> None:
    from newsprism.conflicts.distortion import check_pair, number_value

    assert number_value("1.200", "de") == number_value("1,200", "en") == 1200
    assert number_value("4,1", "de") == number_value("4.1", "en") == 4.1
    german = "Nach Angaben der Fischergewerkschaft haben etwa 1.200 Fischerfamilien ihr Einkommen verloren."
    english = "According to the Amel Delta Fishers' Union, about 1,200 fishing families have lost their income."
    assert check_pair(english, german, english, "en", "de") == ()
    assert check_pair("It cost 4.1 billion veltas.", "Er kostete 4,1 Milliarden Veltas.", "", "en", "de") == ()
    assert [f.check for f in check_pair(english, german.replace("1.200", "2.100"), "", "en", "de")] == ["number"]


def test_approximation_dropped_is_flagged() -> None:
    from newsprism.conflicts.distortion import check_pair

    before = "Marrow said releases would rise to about 300 cubic metres per second."
    assert "approximation" in [f.check for f in check_pair(before, before.replace("about ", ""))]
    assert check_pair(before, before.replace("about", "around")) == ()


def test_seed_hedged_quote_became_a_firmer_paraphrase() -> None:
    found = [c for c in _distortions() if "firmer paraphrase" in c.explanation]
    assert len(found) == 1, [c.explanation for c in _distortions()]
    source, target = found[0].evidence
    assert "I don't think we're conceding anything" in source.text and source.article_id == "seed-001"
    assert "Coale clarified that there has been no concession" in target.text and target.article_id == "seed-000"


def test_gap_filling_stays_between_anchors_and_needs_a_shared_name() -> None:
    from newsprism.stories.align import fill_gaps

    articles = _by_id()
    derivation = next(d for d in _derivations() if d.source == "seed-001" and d.target == "seed-000")
    gaps = fill_gaps(articles["seed-001"], articles["seed-000"], derivation.alignments)
    assert gaps and all(p.kind == "gap" for p in gaps)
    anchored = {(p.target.start, p.target.end) for p in derivation.alignments}
    assert not [p for p in gaps if (p.target.start, p.target.end) in anchored]
    targets = [p.target.start for p in sorted(gaps, key=lambda p: p.source.start)]
    assert targets == sorted(targets)  # order-preserving


def test_wires_named_in_credits_dateline_and_text() -> None:
    from newsprism.provenance.derive import wires_named

    def article(text: str, credits: tuple[str, ...] = (), dateline: str | None = None) -> Article:
        return Article(id="a", source="x", text=text, content_hash="h", credits=credits, dateline=dateline)

    assert wires_named(article("Talks ended.", credits=("AP",))) == {"Associated Press"}
    assert wires_named(article("Talks ended.", dateline="KYIV (AFP) -")) == {"AFP"}
    # two-letter spellings count only in credits: "AP" in running text is too often something else
    assert wires_named(article("The AP exam was hard.")) == frozenset()
    assert wires_named(article("told the Associated Press and Reuters.")) == {"Associated Press", "Reuters"}
    assert wires_named(article("Reutersville news")) == frozenset()  # whole words only
