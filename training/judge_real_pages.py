"""Carry hand judgements of real-page records over to a new version, and list what needs reading.

    .venv/bin/python training/judge_real_pages.py OUT_DIR [--judged FILE ...]

Analyses the 12 pages of ``training/data/real-pages`` (from ``../shared/data/extraction-bench/dev``)
with the installed reportedly, writes each page's records to ``OUT_DIR/<page>.json``, and matches
every record to the judgements already made (``judgements-before.json`` and any ``--judged`` file)
by its source, cue, the first 100 characters of its content and its speaker. A matched record keeps its label;
the others are written to ``OUT_DIR/to-read.json`` to be judged by hand with the guide in the
README. Prints the table of labels (right / wrong_speaker / wrong_span / not_statement / unread)
per page and in total, with the missed attributions carried over from the judgements, then the
labels of each act the records carry (``statement``, ``stance``, ``refusal``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "training" / "data" / "real-pages"
PAGES = ROOT.parent / "shared" / "data" / "extraction-bench" / "dev"
LABELS = ("right", "wrong_speaker", "wrong_span", "not_statement")


def _key(a: dict) -> tuple[str, str, str, str]:
    """A record as the judgements name it: its source, cue and content texts and its speaker as output."""
    return (a["source"].get("text") or "", a["cue"].get("text") or "", (a["content"].get("text") or "")[:100],
            a["source"].get("entity") or "")


def _known(files: list[Path]) -> dict[tuple[str, str, str, str, str], dict]:
    out = {}
    for f in files:
        for page in json.loads(f.read_text()):
            for r in page["records"]:
                out[(page["page"], r["source"], r["cue"], r["content"][:100], r.get("speaker") or "")] = r
    return out


def main(argv=None) -> int:
    from reportedly.api import Analyzer

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--judged", type=Path, action="append", default=[])
    args = ap.parse_args(argv)
    before = json.loads((HERE / "judgements-before.json").read_text())
    known = _known([HERE / "judgements-before.json", *args.judged])
    missed: Counter = Counter()  # page -> attributions a later reading found no record covers
    for f in args.judged:
        for p in json.loads(f.read_text()):
            missed[p["page"]] += len(p.get("missed") or [])
    args.out.mkdir(parents=True, exist_ok=True)
    analyzer = Analyzer()
    totals: Counter = Counter()
    by_act: Counter = Counter()  # (act, label)
    to_read = []
    print(f"{'page':14s} {'records':>7s} " + " ".join(f"{k:>13s}" for k in (*LABELS, "unread")) + "  missed")
    for page in before:
        path = next(PAGES.glob(page["page"] + "*.html.gz"))
        doc = next(iter(analyzer.analyze_paths([str(path)])))
        rec = doc.to_dict()
        (args.out / f"{page['page']}.json").write_text(json.dumps(rec, ensure_ascii=False))
        counts: Counter = Counter()
        for a in rec["attributions"]:
            src, cue, content, speaker = _key(a)
            got = known.get((page["page"], src, cue, content, speaker))
            act = a.get("act") or "statement"
            by_act[act, "records"] += 1
            if got is None:
                by_act[act, "unread"] += 1
                counts["unread"] += 1
                to_read.append({"page": page["page"], "id": a["id"], "source": src, "cue": cue, "content": content,
                                "speaker": speaker, "anonymous": a["source"].get("anonymous"),
                                "via": a.get("via")})
            else:
                by_act[act, got["label"]] += 1
                counts[got["label"]] += 1
        counts["records"] = len(rec["attributions"])
        counts["missed"] = len(page.get("missed") or []) + missed[page["page"]]
        totals.update(counts)
        print(f"{page['page']:14s} {counts['records']:7d} " + " ".join(f"{counts[k]:13d}" for k in (*LABELS, "unread"))
              + f"  {counts['missed']:6d}")
    n = max(1, totals["records"])
    print(f"{'total':14s} {totals['records']:7d} " + " ".join(f"{totals[k]:13d}" for k in (*LABELS, "unread"))
          + f"  {totals['missed']:6d}")
    print(f"fully right {totals['right'] / n:.1%}, not a statement {totals['not_statement'] / n:.1%}, "
          f"unread {totals['unread']}")
    for act in ("statement", "stance", "refusal"):
        m = by_act[act, "records"]
        if m:
            print(f"  act {act:9s} {m:4d} records: " + ", ".join(f"{k} {by_act[act, k]}" for k in (*LABELS, "unread"))
                  + f"; fully right {by_act[act, 'right'] / m:.1%}, not a statement {by_act[act, 'not_statement'] / m:.1%}")
    (args.out / "to-read.json").write_text(json.dumps(to_read, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
