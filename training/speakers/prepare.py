"""Worksheets for writing the speaker layer of PolNeAR train by careful reading.

    python training/speakers/prepare.py ../shared/data/polnear/train --out training/work/speaker-sheets

Picks 300 train articles (every publisher in proportion, a fixed seed), and writes for each a
worksheet: the article's text with line numbers, then every attribution of its first annotator
file (the file `tools/attrib_score.py` and `tools/speaker_score.py` read) with its E id, the source
span's words and offsets, the cue and the start of the content. A reader fills one JSON record per
E id following `../shared/data/polnear/SPEAKERS.md`; `merge.py` joins the readers' files into
`training/data/speakers-train.json`. `selection.json` lists the articles and which 20 are read
twice (for the agreement of two readers).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

N_ARTICLES = 300
N_TWICE = 20
SEED = 18


def relations(folder: Path, stem: str) -> list[dict]:
    """E id, source/cue/content spans of the article's first annotator file, in file order."""
    anns = sorted((folder / "attributions").glob(stem + "_*.ann"))
    if not anns:
        return []
    spans: dict[str, list[tuple[int, int]]] = {}
    rels = []
    for line in anns[0].read_text().splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, locs = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, loc.split())) for loc in locs.split(";")]
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":") for a in parts[1].split())
            rel = {r: spans.get(args.get(r.capitalize()), []) for r in ("source", "cue", "content")}
            if rel["cue"] or rel["content"]:
                rel["id"] = parts[0]
                rels.append(rel)
    return rels


def select(folder: Path) -> list[str]:
    by_pub: dict[str, list[str]] = defaultdict(list)
    for txt in sorted((folder / "text").glob("*.txt")):
        if relations(folder, txt.stem):
            by_pub[txt.stem.split("_")[0]].append(txt.stem)
    total = sum(len(v) for v in by_pub.values())
    rng = random.Random(SEED)
    chosen: list[str] = []
    for pub in sorted(by_pub):
        k = round(N_ARTICLES * len(by_pub[pub]) / total)
        chosen += rng.sample(by_pub[pub], min(k, len(by_pub[pub])))
    rng.shuffle(chosen)
    return chosen[:N_ARTICLES]


def sheet(folder: Path, stem: str) -> str:
    text = (folder / "text" / f"{stem}.txt").read_text()
    out = [f"# {stem}", "", "## Text (line: start offset | text)", ""]
    pos = 0
    for i, line in enumerate(text.split("\n"), 1):
        if line.strip():
            out.append(f"{i:3d}: {pos:5d} | {line}")
        pos += len(line) + 1
    out += ["", "## Attributions", ""]

    def words(spans):
        return " … ".join(text[s:e] for s, e in spans)

    for rel in relations(folder, stem):
        src = rel["source"]
        content = words(rel["content"])
        if len(content) > 160:
            content = content[:160] + "…"
        out.append(f"- {rel['id']}: source={json.dumps(words(src)) if src else 'null'} "
                   f"at {[list(s) for s in src]}; cue={json.dumps(words(rel['cue']))}; content={json.dumps(content)}")
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    chosen = select(args.train)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem in chosen:
        (args.out / f"{stem}.md").write_text(sheet(args.train, stem))
    (args.out / "selection.json").write_text(json.dumps({"articles": chosen, "twice": chosen[:N_TWICE]}, indent=1))
    n = sum(len(relations(args.train, s)) for s in chosen)
    print(f"{len(chosen)} articles, {n} attributions -> {args.out}")


if __name__ == "__main__":
    main()
