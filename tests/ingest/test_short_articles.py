"""Short articles are news: a one-sentence flash and a teaser cut off mid-sentence are kept, the
teaser marked `partial`; they were rejected as "no article text left after cleaning" (E112).

The short texts are ECB+ documents (a flash that is only its headline, a teaser that stops on a
comma), read from ../shared at test time, and a seed's opening cut off with an ellipsis.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, ROOT, run_check_report, seed_path
from newsprism.clean.short import is_truncated
from newsprism.model import RawDocument, Rejected
from newsprism.pipeline import build_article, prepare_document

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]
ECBPLUS = CORPUS / "ecbplus"
# The three ECB+ documents of topics 1-35 that cleaning emptied: a teaser ending on a comma under its
# URL, headline and date; a flash that is only its headline; a video page's date and headline.
SHORT_ECB = ("1/1_6ecbplus.xml", "24/24_10ecb.xml", "4/4_6ecbplus.xml")


def ecb_lines(name: str) -> list[str]:
    """An ECB+ document as text, one sentence a line (tokens joined by spaces, as scraped text)."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(ECBPLUS / name).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return [" ".join(sentences[k]) for k in sorted(sentences)]


def seed_teaser() -> str:
    """The first 40 words of a seed's lead paragraph, cut off with an ellipsis as a feed shows it."""
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    lead = max(lines, key=len)
    return " ".join(lead.split()[:40]) + " …"


def analyze(inputs: list[Path], tmp: Path) -> tuple[dict[str, Any], str]:
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    out = tmp / "out"
    proc = subprocess.run([*NEWSPRISM, "analyze", *map(str, inputs), "--db", str(tmp / "s.db"), "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_check_report(out / "report.json")
    return json.loads((out / "report.json").read_text(encoding="utf-8")), proc.stderr


def require_ecbplus() -> None:
    if not ECBPLUS.is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")


def test_a_flash_and_a_cut_teaser_in_jsonl_are_kept(tmp_path: Path) -> None:
    require_ecbplus()
    flash = ecb_lines("24/24_10ecb.xml")[0]
    cut = ecb_lines("1/1_6ecbplus.xml")[-1]  # ends on "Calif ,": the teaser stops mid-sentence
    records = [
        {"id": "flash-1", "outlet": "Wire Desk", "title": flash, "text": flash},
        {"id": "teaser-1", "outlet": "E! Online", "title": ecb_lines("1/1_6ecbplus.xml")[1], "text": cut},
        {"id": "teaser-2", "outlet": "Meridian Post", "title": "Ceasefire talks", "text": seed_teaser()},
    ]
    path = tmp_path / "short.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report, stderr = analyze([path], tmp_path)
    assert report["rejected"] == [], stderr
    articles = {a["external_id"]: a for a in report["articles"]}
    assert articles["flash-1"]["text"] == flash and articles["flash-1"]["partial"] is False
    assert articles["teaser-1"]["text"] == cut and articles["teaser-1"]["partial"] is True
    assert articles["teaser-2"]["text"] == seed_teaser() and articles["teaser-2"]["partial"] is True


def test_a_feed_teaser_is_kept_and_partial(tmp_path: Path) -> None:
    teaser = seed_teaser()
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Meridian Post</title>'
        f"<item><title>Ceasefire talks</title><link>https://meridian.example/1</link>"
        f"<description>{teaser}</description></item></channel></rss>", encoding="utf-8")
    report, stderr = analyze([feed], tmp_path)
    assert report["rejected"] == [], stderr
    [article] = report["articles"]
    assert article["text"] == teaser and article["partial"] is True


def test_the_short_ecbplus_documents_pass_as_text_dumps(tmp_path: Path) -> None:
    require_ecbplus()
    folder = tmp_path / "ecb"
    folder.mkdir()
    for name in SHORT_ECB:
        (folder / (Path(name).stem + ".txt")).write_text("\n".join(ecb_lines(name)) + "\n", encoding="utf-8")
    report, stderr = analyze([folder], tmp_path)
    assert report["rejected"] == [], stderr
    articles = {a["external_id"]: a for a in report["articles"]}
    assert set(articles) == {"1_6ecbplus", "24_10ecb", "4_6ecbplus"}
    assert articles["24_10ecb"]["text"] == ecb_lines("24/24_10ecb.xml")[0]
    assert articles["4_6ecbplus"]["text"] == ecb_lines("4/4_6ecbplus.xml")[-1]
    assert articles["1_6ecbplus"]["text"] == ecb_lines("1/1_6ecbplus.xml")[-1]
    assert articles["1_6ecbplus"]["partial"] is True
    assert not articles["24_10ecb"]["partial"] and not articles["4_6ecbplus"]["partial"]


def prepare(text: str, extracted: bool) -> Any:
    outcome = prepare_document(RawDocument("mem:1", text=text, extracted=extracted))
    return outcome if isinstance(outcome, Rejected) else build_article(outcome)


def test_a_page_without_an_article_is_still_rejected() -> None:
    menu = "\n".join(["Home", "World News", "Sport", "Weather Today", "Contact us", "About us", "Log in"])
    assert isinstance(prepare(menu, extracted=False), Rejected)
    assert isinstance(prepare("By Jane Doe", extracted=True), Rejected)


@pytest.mark.parametrize(("text", "cut"), [
    ("Esther Williams, swimming star, dies at 91", False),
    ("Officials met on Tuesday. The talks will resume on Monday.", False),
    ("Officials met on Tuesday. The minister said the talks would", True),
    ("Officials met in Rancho Mirage, Calif,", True),
    ("Officials met on Tuesday and said …", True),
    ("Officials met on Tuesday and said [...]", True),
    ("Officials met on Tuesday. (With material from dpa)", False),
])
def test_truncation_is_read_from_the_end_of_the_text(text: str, cut: bool) -> None:
    assert is_truncated(text) is cut
