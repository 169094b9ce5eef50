"""Build the packaged cue-word table: how often each word is part of an annotated cue.

For every lower-cased word in PolNeAR train, count its occurrences and how many of them lie
inside a gold cue span; words inside at least two cues are kept. The attribution calibrator
reads the smoothed rate as one of its features ("said" is a cue 92 % of the time, "included"
14 %, "likely" 7 %), so a candidate whose only cue word rarely reports speech scores low.

    python training/build_cue_prior.py ../shared/data/polnear/train > src/reportedly/attribution/data/cue_prior.tsv
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from reportedly.evaluation import load_polnear

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"
    annotated: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for g in load_polnear(folder):
        starts = set()
        for rel in g.relations:
            for s, e in rel.get("cue", ()):
                starts.update(s + m.start() for m in WORD.finditer(g.text[s:e]))
        for m in WORD.finditer(g.text):
            w = m.group().lower().replace("’", "'")
            seen[w] += 1
            if m.start() in starts:
                annotated[w] += 1
    print("# word\tin_cue\toccurrences  (PolNeAR train; built by training/build_cue_prior.py)")
    for w in sorted(annotated, key=lambda w: (-annotated[w], w)):
        if annotated[w] >= 2:
            print(f"{w}\t{annotated[w]}\t{seen[w]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
