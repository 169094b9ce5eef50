"""Score the exported tagger on PolNeAR dev and tune how its spans are linked and merged.

    .venv/bin/python training/tune_linking.py src/reportedly/models/attribution-tagger [--write]

The tagger runs once per article (its probabilities are cached in training/work/); then every
combination of the linking knobs below and of the rule kinds merged in is decoded and scored with
reportedly's PolNeAR metrics. ``--write`` stores the best linking knobs (by the mean of the four
headline F1s: exact-span source, cue, content and relation, among the settings that meet every
floor of the quality target when any does) in the model's ``config.json``.
Tuning reads dev only; train is never scored here and the test compartment is never seen.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
from pathlib import Path

from reportedly.api import Analyzer
from reportedly.attribution import rules
from reportedly.attribution.candidates import regions_of
from reportedly.attribution.merge import RULES_ADDED, merge
from reportedly.attribution.tagger import Tagger
from reportedly.document import Document, Metadata
from reportedly.evaluation import Scores, load_polnear, score_attributions
from reportedly.evaluation.scoring import format_table

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev"
HEADLINE = ("span/source", "span/cue", "span/content", "relation")
#: The project's quality target on dev (exact-span F1 per role and relation F1).
FLOORS = {"span/source": 0.75, "span/cue": 0.70, "span/content": 0.65, "relation": 0.65}

GRID = {
    "max_content_gap": [250],
    "max_source_gap": [250],
    "other_side": [False],
    "keep_orphan_content": [False],
    "cross_paragraph_source": [False],
    "cue_merge_gap": [12],
    "min_cue_score": [0.6, 0.7],
    "min_content_score": [0.6, 0.7, 0.8],
}
#: name -> (rule kinds added where the tagger found nothing, roles whose boundaries the rules decide)
MERGES = {

    "all-rules/nested-participle-passive": (RULES_ADDED, frozenset(), frozenset({"participle", "passive"})),

}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)

    gold = load_polnear(args.data, limit=args.limit or None)
    tagger = Tagger.load(args.model)
    structure = Analyzer(components=["structure"])
    cache = Path(__file__).resolve().parent / "work" / f"tagcache-{args.model.name}-{len(gold)}.pkl"
    stamp = (args.model / "model.onnx").stat().st_mtime
    cached = pickle.loads(cache.read_bytes()) if cache.is_file() else None
    if not cached or cached["stamp"] != stamp:
        items = []
        for g in gold:
            doc = structure.analyze(Document(g.text, input=g.name, meta=Metadata(format="text")))
            regions = regions_of(doc)
            items.append((g, regions, tagger.tag(g.text, regions)))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps({"stamp": stamp, "items": items}))
    else:
        items = cached["items"]
    # the rules change more often than the model: never cached
    items = [(g, regions, tagged, rules.extract(g.text, regions)) for g, regions, tagged in items]

    results = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        opts = dict(zip(keys, values, strict=True))
        for mname, (mset, prefer, nested) in MERGES.items():
            total = Scores()
            for g, _regions, tagged, ruled in items:
                cands = merge(g.text, tagger.decode(g.text, tagged, opts), ruled, add_rules=mset, prefer_rule=prefer, nested_ok=nested)
                pred = [{"source": c.source, "cue": c.cue, "content": c.content} for c in cands]
                total.add(score_attributions(g.text, g.relations, pred))
            mean = sum(total.f1(k) for k in HEADLINE) / len(HEADLINE)
            results.append((mean, opts, mname, total))
            print(f"{mean:.4f} {mname:24s} " + " ".join(f"{k}={total.f1(k):.3f}" for k in HEADLINE)
                  + f"  {opts}", flush=True)
    # the best mean among settings that meet every floor of the quality target, else the best mean
    meets = [r for r in results if all(r[3].f1(k) >= f for k, f in FLOORS.items())]
    results = sorted(meets or results, key=lambda r: -r[0])
    best_mean, best_opts, best_merge, best_total = results[0]
    print(f"\nbest: mean {best_mean:.4f} merge={best_merge} linking={best_opts}")
    print(format_table(best_total.table()))
    if args.write:
        cfg_path = args.model / "config.json"
        cfg = json.loads(cfg_path.read_text())
        cfg["linking"] = best_opts
        cfg["merge_rules"] = sorted(MERGES[best_merge][0])
        cfg["prefer_rule"] = sorted(MERGES[best_merge][1])
        nested = MERGES[best_merge][2]
        cfg["nested_rules"] = sorted(nested) if nested is not None else None
        cfg["dev_scores"] = {k: round(v[2], 4) for k, v in best_total.table().items()}
        cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
        print(f"wrote {cfg_path}")


if __name__ == "__main__":
    main()
