"""Check that examples/expected.json agrees with examples/corpus: every quoted string occurs verbatim.

Run: python examples/verify_expected.py   (exit status 1 and a list of problems if anything is off)

Keys: a file key is a path relative to examples/corpus; "<file>#N" is the Nth line (1-based) of a JSONL
file, whose "text" field is searched (its "title" too, for the title). The .html file is searched as markup.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def load(key: str) -> dict[str, str]:
    """The searchable text of one article key: {"text": ..., "title": ...}."""
    if "#" in key:
        name, n = key.split("#")
        line = (CORPUS / name).read_text(encoding="utf-8").splitlines()[int(n) - 1]
        item = json.loads(line)
        return {"text": item["text"], "title": item["title"]}
    raw = (CORPUS / key).read_text(encoding="utf-8")
    return {"text": raw, "title": raw}


def main() -> int:
    exp = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    cache: dict[str, dict[str, str]] = {}

    def text(key: str, field: str = "text") -> str:
        if key not in cache:
            cache[key] = load(key)
        return cache[key][field]

    def need(key: str, s: str | None, what: str, field: str = "text") -> None:
        if s is None:
            return
        if key not in exp["articles"]:
            problems.append(f"{what}: unknown file key {key!r}")
        elif s not in text(key, field):
            problems.append(f"{what}: {s!r} not found in {key}")

    for key, a in exp["articles"].items():
        need(key, a["title"], "title", "title")
        if "#" not in key:
            need(key, a.get("published_as_written"), "published_as_written")
        need(key, a.get("dateline"), "dateline")
        need(key, a.get("byline"), "byline")
        for c in a.get("credits", []):
            need(key, c, "credit")

    for d in exp["derivations"] + exp["indirect_derivations"]:
        for k in (d["source"], d["target"]):
            if k not in exp["articles"]:
                problems.append(f"derivation: unknown file {k!r}")

    for d in exp["distortions"]:
        need(d["source"], d["source_text"], "distortion source")
        need(d["target"], d["target_text"], "distortion target")
        need(d["source"], d.get("source_quote"), "distortion source quote")
        if "from" in d:
            if d["from"] not in d["source_text"] or d["to"] not in d["target_text"]:
                problems.append(f"distortion from/to not inside the sentences: {d['from']!r} -> {d['to']!r}")

    for p in exp["faithful_paraphrases"]:
        need(p["source"], p["source_text"], "paraphrase source")
        need(p["target"], p["target_text"], "paraphrase target")

    def side(s: dict, what: str) -> None:
        for f in s["files"]:
            need(f, s["text"], what)
        for f, t in s.get("translations", {}).items():
            need(f, t, what + " (translation)")
        for f, t in s.get("also_reported", {}).items():
            need(f, t, what + " (also reported)")

    for c in exp["contradictions"]:
        side(c["a"], "contradiction a")
        side(c["b"], "contradiction b")
    for r in exp["reversals"]:
        side(r["before"], "reversal before")
        side(r["after"], "reversal after")

    for d in exp["discrepancies"]:
        if d["kind"] == "headline":
            need(d["file"], d["text"], "headline")
            for x in d["denied_by"]:
                need(x["file"], x["text"], "headline denial")
        for v in d.get("values", []):
            for f in v["files"]:
                need(f, v["text"], f"{d['kind']} discrepancy")

    for t in exp["timeline"]:
        for f, s in t["evidence"].items():
            need(f, s, "timeline evidence")
    for r in exp["relative_dates"]:
        need(r["file"], r["text"], "relative date")
    for name, e in exp["entities"].items():
        for f, ms in e.get("mentions", {}).items():
            for m in ms:
                need(f, m, f"mention of {name}")
    for s in exp["statements"]:
        need(s["file"], s["text"], "statement")
        need(s["file"], s.get("text_2"), "statement (second part)")
        need(s["file"], s["speaker_text"], "statement speaker")
        need(s["file"], s["cue"], "statement cue")
    for c in exp["coverage"]["single_outlet_claims"]:
        need(c["file"], c["text"], "single-outlet claim")

    for f, items in exp["junk"].items():
        for s in items:
            need(f, s, "junk")
    for f, items in exp["body"].items():
        for s in items:
            need(f, s, "body")
            for j in exp["junk"].get(f, []):
                if j in s:
                    problems.append(f"body string {s!r} contains junk {j!r}")

    keys = [k for story in exp["stories"] for k in story]
    if sorted(keys) != sorted(exp["articles"]):
        problems.append("stories do not partition the articles")
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file()}
    named = {k.split("#")[0] for k in exp["articles"]}
    if on_disk != named:
        problems.append(f"corpus files and answer key differ: {sorted(on_disk ^ named)}")

    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
