"""Fit the attribution calibrator on PolNeAR dev and write it into the model's config.json.

    .venv/bin/python training/calibrate.py src/reportedly/models/attribution-tagger [--write]

1. The tagger runs once per dev article (probabilities cached in training/work/); its spans are
   linked with the over-generating thresholds in ``--min-cue`` / ``--min-content`` and merged with
   the rules, exactly as :func:`reportedly.attribution.candidates.find_candidates` does.
2. Each merged candidate gets the features of :mod:`reportedly.attribution.calibration` and the
   label "right" (the PolNeAR relation criterion against any gold attribution of its article).
3. A logistic model is fitted with articles split into ``--folds`` folds: every candidate's
   probability comes from the model fitted on the other folds (out of fold), so the reliability
   table and the cut-off are measured on articles the model did not see.
4. The cut-off is the one whose out-of-fold output has the best mean of the four headline F1s
   (exact-span source, cue, content and relation).
5. ``--write`` stores the model fitted on all of dev, the cut-off, the linking thresholds and the
   out-of-fold reliability table in ``config.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from reportedly.api import Analyzer
from reportedly.attribution import build, rules
from reportedly.attribution.calibration import FEATURES, features
from reportedly.attribution.candidates import _headline_filter, regions_of
from reportedly.attribution.inner import inner_candidates
from reportedly.attribution.merge import RULES_ADDED, merge
from reportedly.attribution.tagger import Tagger
from reportedly.document import Document, Metadata
from reportedly.evaluation import Scores, load_polnear, score_attributions
from reportedly.evaluation.scoring import WORD, _covered

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev"
HEADLINE = ("span/source", "span/cue", "span/content", "relation")


def right(text: str, toks, gold: list[dict], cand) -> bool:
    """Does the candidate match some gold attribution by the relation criterion?"""
    p = {r: _covered(toks, getattr(cand, r)) for r in ("source", "cue", "content")}
    for g in gold:
        gs = {r: _covered(toks, g.get(r, ())) for r in ("source", "cue", "content")}
        if not (p["cue"] & gs["cue"]):
            continue
        denom = len(p["content"]) + len(gs["content"])
        f = 2 * len(p["content"] & gs["content"]) / denom if denom else 1.0
        if f >= 0.5 and (bool(p["source"] & gs["source"]) or (not p["source"] and not gs["source"])):
            return True
    return False


def candidates(tagger: Tagger, docs, linking: dict) -> list[list]:
    chosen = tagger.config.get("merge_rules")
    add = frozenset(chosen) if chosen is not None else RULES_ADDED
    nested = tagger.config.get("nested_rules", [])
    out = []
    for g, doc, regions, tagged in docs:
        found = rules.extract(g.text, regions)
        merged = merge(g.text, tagger.decode(g.text, tagged, linking), found, add_rules=add,
                       nested_ok=frozenset(nested) if nested is not None else None)
        merged = sorted(merged + inner_candidates(g.text, merged), key=lambda c: c.cue_start)
        out.append(_headline_filter(g.text, merged, [(sp.start, sp.end) for sp in doc.layer("title")]))
    return out


def scores_for(docs, cands, probs, threshold: float) -> Scores:
    total = Scores()
    for (g, doc, _regions, _tagged), cs, ps in zip(docs, cands, probs, strict=True):
        kept = []
        for c, p in zip(cs, ps, strict=True):
            if p >= threshold:
                c.score = float(p)
                kept.append(c)
        built = build(doc, [_copy(c) for c in kept])
        pred = [{"source": a.source.spans, "cue": a.cue, "content": a.content} for a in built.attributions]
        total.add(score_attributions(g.text, g.relations, pred))
    return total


def _copy(c):
    from dataclasses import replace
    return replace(c, cue=list(c.cue), source=list(c.source), content=list(c.content))


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    rows = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        sel = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if sel.sum():
            rows.append({"bin": f"{lo:.1f}–{hi:.1f}", "n": int(sel.sum()),
                         "mean_score": round(float(p[sel].mean()), 3), "right": round(float(y[sel].mean()), 3)})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-cue", type=float, default=0.5)
    ap.add_argument("--min-content", type=float, default=0.5)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)

    gold = load_polnear(args.data)
    tagger = Tagger.load(args.model)
    structure = Analyzer(components=["structure"])
    cache = Path(__file__).resolve().parent / "work" / f"calcache-{args.model.name}-{tagger.window}-{tagger.stride}.pkl"
    stamp = (args.model / "model.onnx").stat().st_mtime
    cached = pickle.loads(cache.read_bytes()) if cache.is_file() else None
    docs = []
    if cached and cached["stamp"] == stamp and len(cached["tagged"]) == len(gold):
        tagged_all = cached["tagged"]
    else:
        tagged_all = None
    new_tags = []
    for i, g in enumerate(gold):
        doc = structure.analyze(Document(g.text, input=g.name, meta=Metadata(format="text")))
        regions = regions_of(doc)
        tagged = tagged_all[i] if tagged_all else tagger.tag(g.text, regions)
        new_tags.append(tagged)
        docs.append((g, doc, regions, tagged))
    if not tagged_all:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps({"stamp": stamp, "tagged": new_tags}))

    linking = dict(tagger.linking, min_cue_score=args.min_cue, min_content_score=args.min_content)
    cands = candidates(tagger, docs, linking)
    X, y, doc_of = [], [], []
    for k, ((g, _doc, regions, _t), cs) in enumerate(zip(docs, cands, strict=True)):
        toks = [(m.start(), m.end()) for m in WORD.finditer(g.text)]
        for c in cs:
            X.append(features(g.text, c, regions))
            y.append(right(g.text, toks, g.relations, c))
            doc_of.append(k)
    X, y, doc_of = np.array(X, dtype=float), np.array(y, dtype=float), np.array(doc_of)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    oof = np.zeros(len(y))
    for fold in range(args.folds):
        test = doc_of % args.folds == fold
        lr = LogisticRegression(C=args.C, max_iter=2000).fit(Z[~test], y[~test])
        oof[test] = lr.predict_proba(Z[test])[:, 1]
    print(f"{len(y)} candidates, {int(y.sum())} right ({y.mean():.3f}); out-of-fold Brier "
          f"{np.mean((oof - y) ** 2):.4f}")
    per_doc, i = [], 0
    for cs in cands:
        per_doc.append(oof[i:i + len(cs)])
        i += len(cs)
    results = []
    for th in [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55]:
        sc = scores_for(docs, cands, per_doc, th)
        mean_f1 = sum(sc.f1(m) for m in HEADLINE) / 4
        results.append((mean_f1, th, sc))
        print(f"cut-off {th:.2f}: " + "  ".join(f"{m} {sc.f1(m):.4f}" for m in HEADLINE) + f"  mean {mean_f1:.4f}")
    best_f1, best_th, best_sc = max(results, key=lambda r: r[0])
    kept = oof >= best_th
    table = reliability(oof[kept], y[kept])
    print(f"chosen cut-off {best_th:.2f} (out of fold, dev)")
    print(f"{'score':>9s} {'n':>5s} {'mean score':>10s} {'right':>6s}")
    for row in table:
        print(f"{row['bin']:>9s} {row['n']:5d} {row['mean_score']:10.3f} {row['right']:6.3f}")
    lr = LogisticRegression(C=args.C, max_iter=2000).fit(Z, y)
    for name, c in sorted(zip(FEATURES, lr.coef_[0], strict=True), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {name:20s} {c:+.3f}")
    if args.write:
        cfg_path = args.model / "config.json"
        cfg = json.loads(cfg_path.read_text())
        cfg["linking"] = linking
        cfg["calibration"] = {
            "fitted_on": "PolNeAR dev (training/calibrate.py)",
            "label": "relation match (cue overlap, content token F1 >= 0.5, source overlap)",
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in lr.coef_[0]],
            "intercept": round(float(lr.intercept_[0]), 6),
            "threshold": best_th,
            "reliability_out_of_fold": table,
            "dev_scores_out_of_fold": {m: round(best_sc.f1(m), 4) for m in (*HEADLINE, "content-exact")},
        }
        cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {cfg_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
