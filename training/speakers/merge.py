"""Join the readers' speaker files into one speaker layer for PolNeAR train, and measure agreement.

    python training/speakers/merge.py training/data/speakers-train --sheets training/work/speaker-sheets \\
        --out training/data/speakers-train.json

Each ``reader-N.json`` maps article -> {E id -> record} (the shape of ``dev/speakers.json``,
written by the guide ``SPEAKERS.md``; how: ``training/speakers/README.md``). Articles read by two
readers (``selection.json``'s ``twice``) are taken from the reader with the lower number, and the
two readings are compared with ``tools/speaker_score.py``'s own rule of a right speaker (each
reading taken as gold for the other, both ways): the agreement of two careful readers.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from reportedly.evaluation.speakers import speaker_right

KINDS = {"person", "organisation", "government", "outlet", "group", "document", "anonymous", "none"}


def check(record: dict) -> list[str]:
    problems = []
    if record.get("kind") not in KINDS:
        problems.append(f"kind {record.get('kind')!r}")
    if bool(record.get("anonymous")) != (record.get("kind") == "anonymous"):
        problems.append("anonymous does not match kind")
    if record.get("source") is None and (record.get("entity") is not None or record.get("kind") != "none"):
        problems.append("no source but an entity or kind")
    return problems


def agree(a: dict, b: dict) -> bool:
    """Do two readings name the same speaker (by the scorer's rule, each taken as gold)?"""
    if a.get("source") is None or b.get("source") is None:
        return a.get("source") is None and b.get("source") is None
    return speaker_right(a, b.get("entity"), bool(b.get("anonymous"))) and \
        speaker_right(b, a.get("entity"), bool(a.get("anonymous")))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("readers", type=Path, help="folder of reader-N.json files")
    ap.add_argument("--sheets", type=Path, required=True, help="the worksheets folder (selection.json)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    selection = json.loads((args.sheets / "selection.json").read_text())
    readings: dict[str, list[tuple[int, dict]]] = {}
    for path in sorted(args.readers.glob("reader-*.json"), key=lambda p: int(p.stem.split("-")[1])):
        number = int(path.stem.split("-")[1])
        for article, records in json.loads(path.read_text()).items():
            readings.setdefault(article, []).append((number, records))
    merged, problems = {}, []
    for article in selection["articles"]:
        if article not in readings:
            problems.append(f"{article}: not read")
            continue
        _, records = min(readings[article], key=lambda r: r[0])
        for eid, rec in records.items():
            problems += [f"{article} {eid}: {p}" for p in check(rec)]
        merged[article] = records
    args.out.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n")
    kinds = Counter(r.get("kind") for recs in merged.values() for r in recs.values())
    n = sum(len(r) for r in merged.values())
    print(f"{len(merged)} articles, {n} attributions -> {args.out}")
    print("by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    for p in problems[:20]:
        print("problem:", p)
    # agreement on the articles read twice
    same = same_kind = same_anon = total = 0
    by_kind: Counter = Counter()
    by_kind_same: Counter = Counter()
    for article in selection["twice"]:
        pair = sorted(readings.get(article, []), key=lambda r: r[0])[:2]
        if len(pair) < 2:
            continue
        (_, a), (_, b) = pair
        for eid in a.keys() & b.keys():
            total += 1
            ok = agree(a[eid], b[eid])
            same += ok
            same_kind += a[eid].get("kind") == b[eid].get("kind")
            same_anon += bool(a[eid].get("anonymous")) == bool(b[eid].get("anonymous"))
            by_kind[a[eid].get("kind")] += 1
            by_kind_same[a[eid].get("kind")] += ok
    if total:
        print(f"two readers, {len(selection['twice'])} articles, {total} attributions: same speaker {same / total:.3f}, "
              f"same kind {same_kind / total:.3f}, same anonymity {same_anon / total:.3f}")
        print("same speaker by the first reader's kind: " + ", ".join(
            f"{k} {by_kind_same[k] / v:.2f} (n={v})" for k, v in by_kind.most_common()))


if __name__ == "__main__":
    main()
