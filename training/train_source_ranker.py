"""Learn when a source's speaker is someone other than the rules say: the source ranker.

    .venv/bin/python training/train_source_ranker.py --write

For every source that is not a pronoun, :class:`reportedly.attribution.entities.EntityResolver`
weighs the rules' answer against the persons and bodies the article referred to in the sentences
before and against "someone the article does not name" (:mod:`reportedly.attribution.source_ranker`,
its :data:`~reportedly.attribution.source_ranker.FEATURES`). This script learns the weights of that
choice as a conditional logit from the speaker layer of PolNeAR train
(``training/data/speakers-train.json``, written by careful reading):

1. analyse the 300 train articles exactly as ``analyze`` does with no ranker packaged (the rules'
   answer stands), recording every choice the resolver offers and its features;
2. keep the sources the scorer matches to a gold attribution, labelling each choice right when
   ``tools/speaker_score.py``'s rule accepts its name (or its anonymity);
3. fit by L2-regularised maximum likelihood (L-BFGS) of the log-probability of the right choices, the
   regularisation chosen by 5-fold cross-validation over articles (the strongest within one standard
   error of the best), and print the cross-validated
   accuracy against the rules alone, overall and per kind of speaker;
4. ``--write``: fit on all of train and write ``src/reportedly/attribution/data/source_ranker.json``;
5. ``--cv-records FILE``: analyse every train article with the weights fitted on the other four
   folds and write the records as ``analyze --format jsonl`` does, so that ``tools/speaker_score.py``
   scores train by cross-validation through exactly what ``analyze`` outputs.

Dev is never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from speaker_rankings import ROOT, SPEAKERS, TRAIN, fit_logit, one_standard_error, ranked_sources

from reportedly.attribution import source_ranker as SR
from reportedly.evaluation import load_polnear
from reportedly.evaluation.speakers import speaker_right

OUT = ROOT / "src" / "reportedly" / "attribution" / "data" / "source_ranker.json"


def collect(limit: int | None = None) -> list[dict]:
    """One item per matched non-pronoun source: its choices, their features and which are right."""
    packaged = SR.weights
    SR.weights = lambda: None  # the rules' answers, so that the data do not depend on packaged weights
    try:
        return [{"article": article, "names": [c[0] for c in choices], "x": [c[2] for c in choices],
                 "y": [speaker_right(truth, name, anon) for name, anon, _ in choices], "kind": truth.get("kind")}
                for article, truth, choices in ranked_sources(SR, limit)]
    finally:
        SR.weights = packaged


def fit(items: list[dict], l2: float) -> np.ndarray:
    """Weights of a conditional logit over each item's choices (items with a right choice)."""
    return fit_logit(items, l2, len(SR.FEATURES))


def picks(items: list[dict], w: np.ndarray | None) -> list[bool]:
    """Whether each item's top choice is right (``w`` None: the rules' answer, always first)."""
    out = []
    for it in items:
        k = 0 if w is None else int((np.array(it["x"]) @ w).argmax())
        out.append(bool(it["y"][k]))
    return out


def report(items: list[dict], right: list[bool], label: str) -> str:
    kinds: Counter = Counter()
    ok: Counter = Counter()
    for it, r in zip(items, right, strict=True):
        kinds[it["kind"]] += 1
        ok[it["kind"]] += r
    per = ", ".join(f"{k} {ok[k] / n:.3f} (n={n})" for k, n in kinds.most_common())
    return f"{label}: {sum(right) / max(1, len(right)):.3f} — {per}"


def cv_records(items: list[dict], folds: list[set[str]], l2: float, out: Path, pronoun_items: list[dict]) -> None:
    """Train's records, each fold analysed with the weights fitted on the other folds: the source
    ranker's, and the pronoun ranker's too (from ``train_pronoun_ranker.py``'s items, with the
    regularisation packaged with it), so that no article is analysed by weights that saw it."""
    from train_pronoun_ranker import OUT as PRONOUN_OUT
    from train_pronoun_ranker import fit as fit_pronouns

    from reportedly.api import Analyzer
    from reportedly.attribution import pronouns as E
    from reportedly.output import dumps
    from reportedly.settings import Settings

    pronoun_l2 = float(json.loads(PRONOUN_OUT.read_text()).get("l2", 0.001))

    speakers = json.loads(SPEAKERS.read_text())
    gold = {g.name: g for g in load_polnear(TRAIN) if g.name in speakers}
    analyzer = Analyzer(Settings.load(pipeline={"workers": 1}))
    packaged = SR.weights
    try:
        with out.open("w", encoding="utf-8") as f:
            for fold in folds:
                w = tuple(float(v) for v in fit([it for it in items if it["article"] not in fold], l2))
                SR.weights = lambda w=w: w
                if pronoun_items:
                    E._WEIGHTS = tuple(float(v) for v in fit_pronouns(
                        [it for it in pronoun_items if it["article"] not in fold], pronoun_l2))
                for name in sorted(fold):
                    doc = analyzer.analyze_text(gold[name].text, input=f"{name}.txt")
                    f.write(dumps(doc) + "\n")
    finally:
        SR.weights = packaged
        E._WEIGHTS = None
    print(f"wrote {out}: score with tools/speaker_score.py TRAIN SPEAKERS {out}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="fit on all of train and write the packaged weights")
    ap.add_argument("--limit", type=int, default=None, help="only the first N train articles (a quick look)")
    ap.add_argument("--cv-records", type=Path, default=None,
                    help="write train's records, each article analysed with weights fitted without its fold")
    ap.add_argument("--cache", type=Path, default=ROOT / "training" / "work" / "source-items.json")
    ap.add_argument("--pronoun-cache", type=Path, default=ROOT / "training" / "work" / "pronoun-items.json",
                    help="train_pronoun_ranker.py's items, refitted per fold for --cv-records")
    args = ap.parse_args(argv)
    if args.cache.is_file() and not args.limit:
        items = json.loads(args.cache.read_text())
    else:
        items = collect(args.limit)
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        args.cache.write_text(json.dumps(items))
    articles = sorted({it["article"] for it in items})
    random.Random(5).shuffle(articles)
    folds = [set(articles[k::5]) for k in range(5)]
    print(f"{len(items)} named or described sources in {len(articles)} train articles; "
          f"{sum(any(it['y']) for it in items)} with a right choice among those offered")
    print(report(items, picks(items, None), "rules alone (all of train)"))
    results: list[tuple[float, float]] = []
    for l2 in (0.0003, 0.001, 0.003, 0.01, 0.03):
        order: list[dict] = []
        right: list[bool] = []
        for fold in folds:
            train = [it for it in items if it["article"] not in fold]
            test = [it for it in items if it["article"] in fold]
            w = fit(train, l2)
            order += test
            right += picks(test, w)
        mean = sum(right) / len(right)
        print(report(order, right, f"l2 {l2:<7} 5-fold CV"))
        results.append((l2, mean))
    best = one_standard_error(results, len(items))
    print(f"kept l2 {best[0]:g} (CV {best[1]:.3f}): the strongest within one standard error of the best")
    w = fit(items, best[0])
    print(f"weights (all of train, l2 {best[0]:g}): "
          + ", ".join(f"{n} {v:+.2f}" for n, v in zip(SR.FEATURES, w, strict=True)))
    if args.cv_records:
        pronoun_items = json.loads(args.pronoun_cache.read_text()) if args.pronoun_cache.is_file() else []
        if not pronoun_items:
            print(f"no {args.pronoun_cache}: pronouns use the packaged weights (trained on all of train)")
        cv_records(items, folds, best[0], args.cv_records, pronoun_items)
    if args.write:
        OUT.write_text(json.dumps({
            "features": list(SR.FEATURES),
            "weights": [round(float(v), 4) for v in w],
            "l2": best[0],
            "cv_accuracy": round(best[1], 3),
            "rules_accuracy": round(float(np.mean(picks(items, None))), 3),
            "trained_on": f"{len(items)} named or described sources of PolNeAR train "
                          "(training/data/speakers-train.json)",
            "command": "training/train_source_ranker.py --write",
        }, indent=1) + "\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
