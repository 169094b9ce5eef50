"""Learn how "he"/"she" finds its person: a mention-ranking model trained on PolNeAR train.

    .venv/bin/python training/train_pronoun_ranker.py --write

When a pronoun is a source ("he said"), :class:`reportedly.attribution.entities.EntityResolver`
ranks the persons referred to in the last few sentences (same gender or unknown) by a linear score
over features of each candidate (:data:`~reportedly.attribution.pronouns.ANTECEDENT_FEATURES`:
sentence distance, recency rank, being a sentence's subject, having just spoken, how often the
article names them, …) and takes the best. This script learns those weights as a conditional
logit (softmax over the candidates of one pronoun) from the speaker layer of train
(``training/data/speakers-train.json``, written by careful reading):

1. analyse the 300 train articles exactly as ``analyze`` does, recording every ranking the
   resolver makes (its candidates and their features), ranking with the hand weights so that the
   data do not depend on the weights packaged at the time;
2. keep the rankings of sources the scorer matches to a gold attribution, labelling each
   candidate right when its name is the gold speaker (``tools/speaker_score.py``'s rule);
3. fit by L2-regularised maximum likelihood (L-BFGS), the regularisation chosen by 5-fold cross-validation
   over articles (the strongest within one standard error of the best), and print the cross-validated accuracy of the learned weights against the hand
   weights they replace;
4. ``--write``: fit on all of train and write the weights to
   ``src/reportedly/attribution/data/pronoun_ranker.json``.

Dev is never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from speaker_rankings import ROOT, fit_logit, one_standard_error, ranked_sources

from reportedly.attribution import pronouns as E
from reportedly.evaluation.speakers import speaker_right

OUT = ROOT / "src" / "reportedly" / "attribution" / "data" / "pronoun_ranker.json"


def collect(limit: int | None = None) -> list[dict]:
    """One item per matched pronoun source: candidate names, feature rows and which are right."""
    # rank with the hand weights, so that the training data do not depend on the weights packaged now
    E._WEIGHTS = E.HAND_WEIGHTS
    items = [{"article": article, "names": [c for c, _ in cands], "x": [f for _, f in cands],
              "y": [speaker_right(truth, name, False) for name, _ in cands], "kind": truth.get("kind")}
             for article, truth, cands in ranked_sources(E, limit)]
    E._WEIGHTS = None
    return items


def fit(items: list[dict], l2: float) -> np.ndarray:
    """Weights of a conditional logit over each item's candidates (items with a right candidate)."""
    return fit_logit(items, l2, len(E.ANTECEDENT_FEATURES))


def accuracy(items: list[dict], w: np.ndarray) -> float:
    """Share of items whose top-scored candidate is right (items without one count as wrong)."""
    ok = 0
    for it in items:
        s = np.array(it["x"], dtype=np.float64) @ w
        ok += bool(it["y"][int(s.argmax())])
    return ok / max(1, len(items))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="fit on all of train and write the packaged weights")
    ap.add_argument("--limit", type=int, default=None, help="only the first N train articles (a quick look)")
    ap.add_argument("--cache", type=Path, default=ROOT / "training" / "work" / "pronoun-items.json")
    args = ap.parse_args(argv)
    if args.cache.is_file() and not args.limit:
        items = json.loads(args.cache.read_text())
    else:
        items = collect(args.limit)
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        args.cache.write_text(json.dumps(items))
    hand = np.array(E.HAND_WEIGHTS, dtype=np.float64)
    articles = sorted({it["article"] for it in items})
    random.Random(5).shuffle(articles)
    folds = [set(articles[k::5]) for k in range(5)]
    print(f"{len(items)} pronoun sources in {len(articles)} train articles; "
          f"{sum(any(it['y']) for it in items)} with a right candidate among those ranked")
    print(f"hand weights (all of train): {accuracy(items, hand):.3f}")
    results: list[tuple[float, float]] = []
    for l2 in (0.0003, 0.001, 0.003, 0.01):
        accs, hands = [], []
        for fold in folds:
            train = [it for it in items if it["article"] not in fold]
            test = [it for it in items if it["article"] in fold]
            w = fit(train, l2)
            accs.append(accuracy(test, w))
            hands.append(accuracy(test, hand))
        mean = float(np.mean(accs))
        print(f"l2 {l2:<6}: 5-fold CV accuracy {mean:.3f} (folds {' '.join(f'{a:.3f}' for a in accs)}); "
              f"hand weights on the same folds {np.mean(hands):.3f}")
        results.append((l2, mean))
    best = one_standard_error(results, len(items))
    print(f"kept l2 {best[0]:g} (CV {best[1]:.3f}): the strongest within one standard error of the best")
    w = fit(items, best[0])
    print(f"weights (all of train, l2 {best[0]:g}): "
          + ", ".join(f"{n} {v:+.3f}" for n, v in zip(E.ANTECEDENT_FEATURES, w, strict=True)))
    if args.write:
        OUT.write_text(json.dumps({
            "features": list(E.ANTECEDENT_FEATURES),
            "weights": [round(float(v), 4) for v in w],
            "l2": best[0],
            "cv_accuracy": round(best[1], 3),
            "trained_on": f"{len(items)} pronoun sources of PolNeAR train (training/data/speakers-train.json)",
            "command": "training/train_pronoun_ranker.py --write",
        }, indent=1) + "\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
