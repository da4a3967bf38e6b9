"""Precision of what newsprism reports on real news, against the labels of eval/conflicts_real/.

Corpora: PolNeAR train (840 articles, 7 outlets, 2016), ECB+ topics 1-35 and the five seeds; never a
test split. The inputs are rebuilt by the scripts in eval/conflicts_real/inputs/ (the texts stay in
../shared/corpus), newsprism runs once per corpus through its CLI (one process at a time), and each
reported item is matched to a labelled one by a stable key that survives code changes: report ids
and offsets change, the articles' corpus identities and the quoted texts do not (see the README).

Figures: per kind, precision = genuine / (genuine + spurious) over the reported items that are
labelled (`unclear` excluded) and the count of reported items with no label (new: read them and add
them to items.jsonl); genuine contradictions found, of those known (labelled genuine when reported,
plus the labelled candidate pairs it did not report then), i.e. recall; the self-contained share of the
propositions that reported conflicts and `contradicts` coverage cells are about.

    .venv/bin/python eval/conflicts_real.py                       # build inputs, run, score
    .venv/bin/python eval/conflicts_real.py --corpora seeds       # the seeds only (under a minute)
    .venv/bin/python eval/conflicts_real.py --reports polnear=R1.json ecbplus=R2.json seeds=R3.json
    .venv/bin/python eval/conflicts_real.py --json figures.json --new new.jsonl    # unlabelled items to read
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "eval" / "conflicts_real"
ITEMS = HERE / "items.jsonl"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CORPORA = ("seeds", "polnear", "ecbplus")
CONFLICT_KINDS = ("contradiction", "reversal", "discrepancy", "distortion")
KINDS = (*CONFLICT_KINDS, "derivation", "coverage")
# A labelled candidate pair counts as reported when a reported contradiction joins the same two
# articles with quotes that overlap this much (token Dice): quote spans shift as extraction changes.
OVERLAP_DICE = 0.5

Item = dict[str, Any]


# ------------------------------------------------------------------------------------ stable keys


def article_names(report: dict[str, Any]) -> dict[str, str]:
    """Report article id -> corpus identity (the JSONL `id`, else the input file's stem)."""
    return {a["id"]: a.get("external_id") or Path(a["source"]).stem for a in report["articles"]}


def conflict_key(corpus: str, kind: str, sides: Iterable[tuple[str, str]]) -> str:
    # Sides are sorted: which quote the report shows first is presentation, not identity.
    return json.dumps([corpus, kind, sorted(list(s) for s in sides)], ensure_ascii=False)


def derivation_key(corpus: str, source: str, target: str, kind: str) -> str:
    return json.dumps([corpus, "derivation", source, target, kind], ensure_ascii=False)


def coverage_key(corpus: str, article: str, unit_text: str) -> str:
    return json.dumps([corpus, "coverage", article, unit_text], ensure_ascii=False)


def proposition_key(corpus: str, text: str) -> str:
    return json.dumps([corpus, "proposition", text], ensure_ascii=False)


def key_of(item: Item) -> str:
    """The stable key of a stored item (items.jsonl line)."""
    kind, corpus = item["kind"], item["corpus"]
    if kind in CONFLICT_KINDS or kind == "candidate":
        return conflict_key(corpus, kind, zip(item["articles"], item["quotes"], strict=True))
    if kind == "derivation":
        return derivation_key(corpus, item["source"], item["target"], item["derivation_kind"])
    if kind == "coverage":
        return coverage_key(corpus, item["article"], item["unit_text"])
    if kind == "proposition":
        return proposition_key(corpus, item["text"])
    raise ValueError(f"unknown kind {kind!r} in items.jsonl")


# ------------------------------------------------------------------------------ reported items


def evidence_text(ev: dict[str, Any], titles: dict[str, str]) -> str:
    if ev.get("field") == "title":
        return ev.get("text") or titles.get(ev["article_id"], "")
    return str(ev.get("text", ""))


def reported_items(report: dict[str, Any], corpus: str) -> list[Item]:
    """Every reported conflict, derivation and `contradicts` cell, and the propositions they are
    about: each as `stored` (its items.jsonl line without the label fields), its stable key and the
    report id it had in this run."""
    names = article_names(report)
    titles = {a["id"]: a.get("title") or "" for a in report["articles"]}
    props = {p["id"]: p["text"] for p in report.get("propositions", [])}
    stored: list[tuple[str, Item]] = []
    about: set[str] = set()
    uncertain = {c["id"] for c in report["conflicts"] if c.get("uncertain")}
    for c in report["conflicts"]:
        sides = [(names[ev["article_id"]], evidence_text(ev, titles)) for ev in c.get("evidence", [])]
        stored.append((c["id"], {"corpus": corpus, "kind": c["kind"], "articles": [a for a, _ in sides],
                                 "quotes": [q for _, q in sides], "explanation": c.get("explanation", "")}))
        if c.get("proposition"):
            about.add(props.get(c["proposition"], c["proposition"]))
    for number, d in enumerate(report["derivations"]):
        source = names[d["source"]] if d.get("source") else str(d.get("source_name"))
        stored.append((f"deriv-{number}", {"corpus": corpus, "kind": "derivation", "source": source,
                                           "target": names[d["target"]], "derivation_kind": d["kind"]}))
    for cell in report.get("coverage", []):
        if cell["status"] == "contradicts":
            unit_text = cell.get("unit_text") or ""
            article = names[cell["article_id"]]
            stored.append((f"cov:{article}|{unit_text}",
                           {"corpus": corpus, "kind": "coverage", "article": article, "unit_text": unit_text}))
            about.add(unit_text)
    stored += [(f"prop:{text}", {"corpus": corpus, "kind": "proposition", "text": text}) for text in sorted(about)]
    return [reported_item(report_id, line, report_id in uncertain) for report_id, line in stored]


def reported_item(report_id: str, line: Item, uncertain: bool = False) -> Item:
    """`uncertain`: below its kind's calibrated threshold, so not shown by default."""
    item = {"report_id": report_id, "kind": line["kind"], "corpus": line["corpus"], "key": key_of(line),
            "stored": line, "explanation": line.get("explanation"), "uncertain": uncertain}
    if "quotes" in line:
        item["sides"] = list(zip(line["articles"], line["quotes"], strict=True))
    return item


# ------------------------------------------------------------------------------------- running


def child_env() -> dict[str, str]:
    """This checkout's code first on the path, and no model downloads (the runs are offline)."""
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1"}


def build_inputs(corpora: list[str], work: Path) -> dict[str, Path]:
    """The inputs: JSONL files built by the inputs/ scripts, and the seeds' folder as it is."""
    inputs = {}
    for corpus in corpora:
        if corpus == "seeds":
            inputs[corpus] = SEEDS
            continue
        out = work / f"{corpus}.jsonl"
        command = [sys.executable, str(HERE / "inputs" / f"build_{corpus}.py"), str(out)]
        subprocess.run(command, check=True, env=child_env())
        inputs[corpus] = out
    return inputs


def run_newsprism(corpus: str, source: Path, work: Path) -> Path:
    out = work / f"out_{corpus}"
    env = child_env()
    command = [sys.executable, "-m", "newsprism.cli", "analyze", str(source), "--db", str(work / f"{corpus}.db"),
               "--out", str(out), "-q"]
    subprocess.run(command, check=True, env=env)
    return out / "report.json"


def parse_reports(pairs: list[str]) -> dict[str, Path]:
    reports = {}
    for pair in pairs:
        corpus, _, path = pair.partition("=")
        if corpus not in CORPORA or not path:
            raise SystemExit(f"--reports takes CORPUS=PATH with CORPUS one of {', '.join(CORPORA)}: {pair!r}")
        reports[corpus] = Path(path)
    return reports


# ------------------------------------------------------------------------------------- scoring


def load_items(path: Path = ITEMS) -> list[Item]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def dice(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    return 2 * len(ta & tb) / (len(ta) + len(tb)) if ta or tb else 0.0


def sides_match(candidate: Item, sides: list[tuple[str, str]]) -> bool:
    """Whether a reported pair joins the candidate's two articles with overlapping quotes (either order)."""
    if len(sides) != 2:
        return False
    pairs = list(zip(candidate["articles"], candidate["quotes"], strict=True))
    for first, second in (sides, sides[::-1]):
        if all(art == s[0] and dice(quote, s[1]) >= OVERLAP_DICE for (art, quote), s in zip(pairs, (first, second),
                                                                                            strict=True)):
            return True
    return False


def index_labels(labelled: list[Item]) -> dict[str, list[Item]]:
    by_key: dict[str, list[Item]] = {}
    for item in labelled:
        by_key.setdefault(key_of(item), []).append(item)
    return by_key


def find_label(by_key: dict[str, list[Item]], item: Item) -> Item | None:
    """The stored label of a reported item. One sentence pair can be reported twice with different
    claimed changes (a distortion "100 became 30" and another "Gage became Pickell"); the stored
    explanation then tells them apart, and a pair whose labels differ is left unmatched (new)."""
    found = by_key.get(item["key"], [])
    if len(found) <= 1:
        return found[0] if found else None
    same = [f for f in found if f.get("explanation") == item.get("explanation")]
    if same:
        return same[0]
    return found[0] if len({f["label"] for f in found}) == 1 else None


def score(labelled: list[Item], reported: dict[str, list[Item]]) -> dict[str, Any]:
    by_key = index_labels(labelled)
    per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in (*KINDS, "proposition")}
    contradictions: list[Item] = []
    for items in reported.values():
        for item in items:
            label = find_label(by_key, item)
            counts = per_kind[item["kind"]]
            counts["reported"] += 1
            if label is None:
                counts["new"] += 1
            elif item["kind"] == "proposition":
                counts["self_contained" if label["self_contained"] else "not_self_contained"] += 1
            else:
                counts[label["label"]] += 1
                if not item.get("uncertain"):
                    counts["shown_" + label["label"]] += 1
            if item["kind"] == "contradiction":
                contradictions.append(item)
    figures: dict[str, Any] = {"kinds": {}}
    for kind in KINDS:
        c = per_kind[kind]
        judged = c["genuine"] + c["spurious"]
        shown = c["shown_genuine"] + c["shown_spurious"]
        figures["kinds"][kind] = {"reported": c["reported"], "genuine": c["genuine"], "spurious": c["spurious"],
                                  "unclear": c["unclear"], "new": c["new"],
                                  "precision": round(c["genuine"] / judged, 3) if judged else None,
                                  "shown_genuine": c["shown_genuine"], "shown_spurious": c["shown_spurious"],
                                  "shown_precision": round(c["shown_genuine"] / shown, 3) if shown else None}
    p = per_kind["proposition"]
    judged = p["self_contained"] + p["not_self_contained"]
    figures["propositions"] = {"reported": p["reported"], "judged": judged, "new": p["new"],
                               "self_contained_share": round(p["self_contained"] / judged, 3) if judged else None}
    figures["recall"] = recall_figures(labelled, reported, contradictions, per_kind["contradiction"]["genuine"])
    return figures


def recall_figures(labelled: list[Item], reported: dict[str, list[Item]], contradictions: list[Item],
                   genuine_reported: int) -> dict[str, Any]:
    """Genuine contradictions found, and the labelled candidate pairs (not reported when labelled)
    that a run now reports."""
    candidates = [item for item in labelled if item["kind"] == "candidate" and item["corpus"] in reported]
    genuine = [c for c in candidates if c["label"] == "genuine"]
    by_corpus = {corpus: [c for c in contradictions if c["corpus"] == corpus] for corpus in reported}
    found = [c for c in genuine if any(sides_match(c, r["sides"]) for r in by_corpus[c["corpus"]])]
    wrong = [c for c in candidates if c["label"] == "spurious"
             and any(sides_match(c, r["sides"]) for r in by_corpus[c["corpus"]])]
    # A candidate now reported is an unlabelled ("new") contradiction, so the two counts do not overlap.
    known = len([i for i in labelled if i["kind"] == "contradiction" and i["label"] == "genuine"
                 and i["corpus"] in reported]) + len(genuine)
    found_total = genuine_reported + len(found)
    return {"genuine_contradictions_found": found_total, "genuine_contradictions_known": known,
            "recall": round(found_total / known, 3) if known else None, "candidates": len(candidates),
            "candidates_genuine": len(genuine), "candidates_genuine_now_reported": len(found),
            "candidates_spurious_now_reported": len(wrong)}


def write_new(labelled: list[Item], reported: dict[str, list[Item]], out: Path) -> None:
    """Unlabelled reported items with empty label fields, in items.jsonl's format, for a reader to fill."""
    by_key = index_labels(labelled)
    blank = {"label": None, "reason": None}
    with out.open("w", encoding="utf-8") as handle:
        for items in reported.values():
            for item in items:
                if find_label(by_key, item) is None:
                    fields = {"self_contained": None} if item["kind"] == "proposition" else blank
                    handle.write(json.dumps({**item["stored"], **fields}, ensure_ascii=False) + "\n")


def print_figures(figures: dict[str, Any]) -> None:
    print(f"{'kind':<14}{'reported':>9}{'genuine':>9}{'spurious':>9}{'unclear':>9}{'new':>6}{'precision':>11}"
          f"  shown by default (genuine/spurious, precision)")
    for kind, f in figures["kinds"].items():
        precision = "-" if f["precision"] is None else f"{f['precision']:.3f}"
        shown = "-" if f["shown_precision"] is None else f"{f['shown_precision']:.3f}"
        print(f"{kind:<14}{f['reported']:>9}{f['genuine']:>9}{f['spurious']:>9}{f['unclear']:>9}{f['new']:>6}"
              f"{precision:>11}  {f['shown_genuine']}/{f['shown_spurious']} {shown}")
    p = figures["propositions"]
    share = "-" if p["self_contained_share"] is None else f"{p['self_contained_share']:.3f}"
    print(f"propositions: {p['reported']} reported, {p['judged']} judged, {p['new']} new; self-contained {share}")
    r = figures["recall"]
    print(f"genuine contradictions found: {r['genuine_contradictions_found']} of {r['genuine_contradictions_known']} "
          f"known (recall {r['recall']}); labelled candidates not reported "
          f"at labelling: {r['candidates']} ({r['candidates_genuine']} genuine), now reported: "
          f"{r['candidates_genuine_now_reported']} genuine, {r['candidates_spurious_now_reported']} spurious")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", nargs="+", metavar="CORPUS=PATH", help="score these report.json files")
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA),
                        help="run newsprism on these corpora only (PolNeAR takes about 20 minutes on 2 shared cores)")
    parser.add_argument("--work", type=Path, help="keep inputs, databases and reports here (default: a temp dir)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--new", type=Path, metavar="PATH",
                        help="write the reported items that have no label, as items.jsonl lines to fill in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="conflicts_real-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.reports:
            paths = parse_reports(args.reports)
        else:
            inputs = build_inputs(args.corpora, work)
            paths = {corpus: run_newsprism(corpus, inputs[corpus], work) for corpus in args.corpora}
        reported = {corpus: reported_items(json.loads(path.read_text(encoding="utf-8")), corpus)
                    for corpus, path in paths.items()}
    # Only the labels of the corpora scored count (candidates already filter by corpus).
    labelled = [i for i in load_items() if i["corpus"] in reported]
    figures = score(labelled, reported)
    print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.new:
        write_new(labelled, reported, args.new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
