"""Propositions, positions and conflicts on the seed corpus, with statements sliced from the seeds by
markers (independent of the statement extractor; tests/conflicts/test_conflicts_pipeline.py runs the real chain).

The seed texts are read from ../shared at test time; nothing of them is copied here except the short
markers that locate each statement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.model import Article, Entity, Statement

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")

FILES = {
    "000": ("000_79fc6a933eb85311.txt", "Ukraine NATO Membership: Conflicting Views on the Table", "2025-02-14"),
    "001": (
        "001_d2429abd980258d6.txt",
        "NATO membership for Ukraine not off the table, US official says",
        "2025-02-14",
    ),
    "002": ("002_cb9054f3b222fcd5.txt", "Ukraine’s accession to NATO “not yet off the table”", "2025-02-14"),
    "003": (
        "003_82e3ba6a45904902.txt",
        "U.S. defense chief rules out NATO membership for Ukraine in peace settlement with Russia",
        "2025-02-13",
    ),
    "004": ("004_ab9b5c4b4285e565.txt", "Trump confirms Ukraine will not join NATO", None),
}
OUTLETS = {"000": "BreakingOn", "001": "Al Arabiya", "002": "Kontinent", "003": "Xinhua", "004": "VN outlet"}

# (article, speaker, cue, content marker, said_on, direct)
STATEMENTS = [
    (
        "000",
        "coale",
        "confirmed",
        "the options for Ukraine's NATO membership and reverting to pre-2014 borders remain open",
        None,
        False,
    ),
    ("000", "trump", "stated", "he believed Russia would not permit Ukraine's NATO accession", None, False),
    ("000", "hegseth", "indicating", "all options are open for the Ukraine war negotiations", None, False),
    ("000", "coale", "clarified", "there has been no concession", None, False),
    (
        "000",
        "coale",
        "mentioned",
        "Steve Witkoff, the U.S. Middle East envoy, is now spearheading negotiations with Russia",
        None,
        False,
    ),
    ("001", "coale", "said", "Right now, that is still on the table", "2025-02-13", True),
    (
        "001",
        "coale",
        "added",
        "a possible return to Ukraine's pre-2014 lines was also still on the table",
        "2025-02-13",
        False,
    ),
    (
        "001",
        "hegseth",
        "telling",
        "a return to Ukraine's pre-2014 borders was unrealistic and that the US does not see NATO membership for Kyiv as part of a solution to the nearly three-year-old Ukraine war",
        "2025-02-12",
        False,
    ),
    (
        "001",
        "trump",
        "told reporters",
        "he did not believe Russia would 'allow' Ukraine NATO membership",
        "2025-02-13",
        False,
    ),
    (
        "001",
        "hegseth",
        "telling",
        "'everything is on the table' for Ukraine war negotiations and that it was up to Trump to decide what concessions will be made",
        "2025-02-13",
        False,
    ),
    (
        "001",
        "coale",
        "said",
        "Steve Witkoff, the US Middle East envoy, will now be helping on negotiations, taking the lead on talks with Russia",
        None,
        False,
    ),
    (
        "001",
        "kallas",
        "told reporters",
        "We shouldn't take anything off the table before the negotiations have even started. Because it plays to Russia's court",
        "2025-02-13",
        True,
    ),
    ("001", "kallas", "said", "It is appeasement. It has never worked.", "2025-02-13", True),
    (
        "001",
        "coale",
        "said",
        "Some people talked out of turn, but I don't think we're conceding anything",
        "2025-02-13",
        True,
    ),
    (
        "001",
        "coale",
        "said",
        "Putin seems to be willing to play ball, but we're not sure what that means. I think he's ready to talk.",
        None,
        True,
    ),
    ("001", "zelenskyy", "warned", "not to trust Putin", "2025-02-13", False),
    ("001", "leavitt", "said", "remains a critical part of this team and this effort.", "2025-02-12", True),
    ("002", "coale", "said", "Right now, it's still on the table", "2025-02-13", True),
    (
        "002",
        "hegseth",
        "told",
        "a return to Ukraine's pre-2014 borders was unrealistic and that the US did not consider Kiev's NATO membership to be part of a solution to end the war",
        "2025-02-12",
        False,
    ),
    (
        "002",
        "trump",
        "said",
        'he did not believe that Russia would "allow" Ukraine to become a NATO member',
        None,
        False,
    ),
    (
        "002",
        "coale",
        "said",
        "Some people have talked out of turn, but I don't think we're conceding anything",
        None,
        True,
    ),
    (
        "003",
        "hegseth",
        "ruled out",
        "Ukraine's accession to the North Atlantic Treaty Organization (NATO) as part of a negotiated settlement to end the Ukraine-Russia conflict",
        "2025-02-12",
        False,
    ),
    (
        "003",
        "hegseth",
        "said",
        "The United States does not believe that NATO membership for Ukraine is a realistic outcome of a negotiated settlement",
        "2025-02-12",
        True,
    ),
    (
        "003",
        "hegseth",
        "added",
        "as part of any security guarantee, there will not be U.S. troops deployed to Ukraine",
        "2025-02-12",
        True,
    ),
    (
        "003",
        "hegseth",
        "said",
        "We want, like you, a sovereign and prosperous Ukraine. But we must start by recognizing that returning to Ukraine's pre-2014 borders is an unrealistic objective",
        "2025-02-12",
        True,
    ),
    (
        "004",
        "trump",
        "backed",
        "Defense Secretary Pete Hegseth's assessment that Kiev must accept the reality that a return to pre-2014 borders is not possible, and that NATO membership for Ukraine is off the table",
        None,
        False,
    ),
    (
        "004",
        "hegseth",
        "said",
        "It is a cheap political trick to say that we have given up all our negotiating leverage just because we acknowledge certain realities",
        "2025-02-13",
        True,
    ),
    (
        "004",
        "trump",
        "added",
        "I don’t see any way that a country in Russia’s position would allow them [Ukraine] to join NATO. I don’t think that can happen",
        None,
        True,
    ),
]
ENTITIES = {
    "coale": "John Coale",
    "hegseth": "Pete Hegseth",
    "trump": "Donald Trump",
    "kallas": "Kaja Kallas",
    "zelenskyy": "Volodymyr Zelenskiy",
    "leavitt": "Karoline Leavitt",
}


def seed_inputs():
    articles = {}
    for key, (name, title, published) in FILES.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        articles[key] = Article(
            id=f"a{key}",
            source=str(SEEDS / name),
            text=text,
            content_hash=key,
            title=title,
            published=published,
            outlet=OUTLETS[key],
            language="en",
        )
    statements = []
    for n, (key, speaker, cue, marker, said_on, direct) in enumerate(STATEMENTS):
        text = articles[key].text
        start = text.find(marker)
        assert start >= 0, marker
        statements.append(
            Statement(
                id=f"s{n:02d}",
                article_id=f"a{key}",
                speaker=f"e-{speaker}",
                speaker_text=ENTITIES[speaker],
                cue=cue,
                text=marker,
                direct=direct,
                start=start,
                end=start + len(marker),
                said_on=said_on,
            )
        )
    entities = [Entity(id=f"e-{k}", name=v, type="PERSON") for k, v in ENTITIES.items()]
    return list(articles.values()), statements, entities


@pytest.fixture(scope="module")
def seeds():
    from newsprism.conflicts.gather import opinion_conflicts
    from newsprism.positions import find_positions

    articles, statements, entities = seed_inputs()
    props, positions = find_positions(articles, statements, entities, "story-seeds")
    conflicts = opinion_conflicts(articles, statements, entities, "story-seeds")
    return articles, statements, entities, props, positions, conflicts


def _prop_of(props, positions, statement_id):
    return {p.proposition for p in positions if statement_id in p.statements}


def _spk(c):
    return frozenset(c.speakers)


def test_propositions_group_by_meaning(seeds):
    articles, statements, entities, props, positions, conflicts = seeds
    by_text = {s.text: s.id for s in statements}
    nato = _prop_of(props, positions, by_text["Right now, that is still on the table"])
    hegseth_nato = _prop_of(
        props,
        positions,
        by_text[
            "The United States does not believe that NATO membership for Ukraine is a realistic outcome of a negotiated settlement"
        ],
    )
    trump_nato = _prop_of(props, positions, by_text["he did not believe Russia would 'allow' Ukraine NATO membership"])
    assert nato & hegseth_nato & trump_nato
    witkoff = _prop_of(
        props,
        positions,
        by_text[
            "Steve Witkoff, the US Middle East envoy, will now be helping on negotiations, taking the lead on talks with Russia"
        ],
    )
    assert not (witkoff & nato)
    texts = {p.id: p.text for p in props}
    shared = (nato & hegseth_nato & trump_nato).pop()
    assert "NATO" in texts[shared] and "possible" in texts[shared]
    for p in props:
        assert not any(w in p.text.lower().split() for w in ("not", "unrealistic", "never")), p.text


def test_positions_stance_and_dates(seeds):
    articles, statements, entities, props, positions, conflicts = seeds
    by_text = {s.text: s.id for s in statements}
    coale = [p for p in positions if by_text["Right now, that is still on the table"] in p.statements]
    assert coale and all(p.stance == "support" and p.speaker == "e-coale" for p in coale)
    heg = [
        p
        for p in positions
        if by_text[
            "The United States does not believe that NATO membership for Ukraine is a realistic outcome of a negotiated settlement"
        ]
        in p.statements
    ]
    assert heg and all(p.stance == "oppose" and p.date == "2025-02-12" for p in heg)
    conc = [p for p in positions if by_text["there has been no concession"] in p.statements]
    assert conc and conc[0].stance == "oppose"


def test_expected_contradictions(seeds):
    *_, conflicts = seeds
    contra = [c for c in conflicts if c.kind == "contradiction"]
    pairs = {_spk(c) for c in contra}
    assert frozenset({"e-coale", "e-hegseth"}) in pairs
    assert frozenset({"e-coale", "e-trump"}) in pairs
    assert frozenset({"e-kallas", "e-hegseth"}) in pairs
    coale_heg = [c for c in contra if _spk(c) == frozenset({"e-coale", "e-hegseth"})]
    assert len(coale_heg) >= 2, "NATO membership and borders are two contradictions"
    for c in contra:
        assert len(c.evidence) == 2 and c.explanation and 0 < c.confidence <= 1
        assert {e.speaker for e in c.evidence} == set(c.speakers)
        assert c.proposition


def test_evidence_spans_are_exact(seeds):
    articles, *_, conflicts = seeds
    texts = {a.id: a for a in articles}
    for c in conflicts:
        for e in c.evidence:
            a = texts[e.article_id]
            if e.field == "title":
                assert e.start == 0 and e.end == len(a.title) and e.text == a.title
            else:
                assert a.text[e.start : e.end] == e.text


def test_merge_across_articles(seeds):
    *_, conflicts = seeds
    coale_heg = [c for c in conflicts if c.kind == "contradiction" and _spk(c) == frozenset({"e-coale", "e-hegseth"})]
    assert any(len(c.articles) >= 3 for c in coale_heg)
    # one conflict per proposition and speaker pair
    keys = [(c.kind, c.proposition, _spk(c)) for c in conflicts if c.kind == "contradiction"]
    assert len(keys) == len(set(keys))


def test_hegseth_reversal_in_date_order(seeds):
    *_, conflicts = seeds
    rev = [c for c in conflicts if c.kind == "reversal" and c.speakers == ("e-hegseth",)]
    assert rev
    r = rev[0]
    assert r.evidence[0].date == "2025-02-12" and r.evidence[1].date == "2025-02-13"
    assert "table" in r.evidence[1].text
    others = [c for c in conflicts if c.kind == "reversal" and c.speakers != ("e-hegseth",)]
    assert not others


def test_headline_discrepancy(seeds):
    articles, *_, conflicts = seeds
    disc = [c for c in conflicts if c.kind == "discrepancy" and any(e.field == "title" for e in c.evidence)]
    assert len(disc) == 1
    t = next(e for e in disc[0].evidence if e.field == "title")
    assert t.article_id == "a004" and t.text == "Trump confirms Ukraine will not join NATO"
    other = next(e for e in disc[0].evidence if e.field != "title")
    assert other.article_id != "a004" and other.speaker == "e-coale"


def test_forbidden_conflicts(seeds):
    articles, statements, entities, props, positions, conflicts = seeds
    by_id = {s.id: s for s in statements}
    for c in conflicts:
        if c.kind == "contradiction":
            assert len(set(c.speakers)) == 2
            assert _spk(c) not in {
                frozenset({"e-kallas", "e-coale"}),
                frozenset({"e-zelenskyy", "e-coale"}),
                frozenset({"e-leavitt", "e-coale"}),
            }
            texts = " ".join(by_id[s].text for s in c.statements)
            assert "Witkoff" not in texts
            assert "appeasement" not in texts
        if c.kind == "reversal":
            assert c.speakers != ("e-coale",)
    assert len([c for c in conflicts if c.kind == "contradiction"]) <= 8


def test_grouping_tests_only_candidate_pairs_with_the_same_result():
    """`group_units` tests only pairs with a close topic and a shared key; the groups must equal
    those of the all-pairs loop (single-link groups do not depend on the order of the unions)."""
    from collections import defaultdict

    from newsprism.positions.decide import same_question
    from newsprism.positions.propositions import _cos_matrix, group_units, units_of

    articles, statements, _ = seed_inputs()
    units = units_of(articles, statements)
    idx = [i for i, u in enumerate(units) if not u.claim.universal]
    sims = _cos_matrix([units[i] for i in idx]) @ _cos_matrix([units[i] for i in idx]).T
    parent = {i: i for i in idx}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a in range(len(idx)):
        for b in range(a + 1, len(idx)):
            if same_question(units[idx[a]].claim, units[idx[b]].claim, float(sims[a, b]))[0]:
                parent[find(idx[a])] = find(idx[b])
    groups = defaultdict(list)
    for i in idx:
        groups[find(i)].append(i)
    assert group_units(units) == sorted(groups.values(), key=min)
    assert any(len(g) > 1 for g in groups.values())
