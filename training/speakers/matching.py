"""Pair reportedly's attributions with the gold speaker layer, as tools/speaker_score.py does.

``matched(gold_dir, speakers, records)`` yields ``(article, gold speaker record, predicted
attribution)`` for every predicted attribution that the scorer matches to a gold attribution with a
source (cues share a token, contents token-F1 >= 0.5, each gold used once), so that training and
error analysis read exactly the pairs the scorer judges.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[3] / "shared" / "tools"
sys.path.insert(0, str(TOOLS))
from speaker_score import covered, load_gold_relations, right, tokens  # noqa: E402

__all__ = ["matched", "right"]


def matched(gold_dir: Path, speakers: dict, records: dict[str, list[dict]]) -> Iterator[tuple[str, dict, dict]]:
    gold = load_gold_relations(gold_dir)
    for name, g in gold.items():
        if name not in speakers or name not in records:
            continue
        spk = speakers[name]
        toks = tokens(g["text"])
        grels = [r for r in g["relations"] if r["id"] in spk]
        gsets = [{k: covered(toks, r[k]) for k in ("cue", "content")} for r in grels]
        used: set[int] = set()
        for a in records[name]:
            p = {k: covered(toks, [tuple(x) for x in (a.get(k) or {}).get("spans") or []]) for k in ("cue", "content")}
            best, best_f = None, 0.5
            for j, gg in enumerate(gsets):
                if j in used or not (p["cue"] & gg["cue"]):
                    continue
                denom = len(p["content"]) + len(gg["content"])
                f = 2 * len(p["content"] & gg["content"]) / denom if denom else 1.0
                if f >= best_f:
                    best, best_f = j, f
            if best is None:
                continue
            used.add(best)
            gs = spk[grels[best]["id"]]
            if gs.get("kind") in (None, "none"):
                continue
            yield name, gs, a
