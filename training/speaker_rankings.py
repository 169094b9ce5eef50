"""What the two speaker rankers learn from: every train source the resolver ranked, with its gold speaker.

Both ``train_pronoun_ranker.py`` and ``train_source_ranker.py`` analyse the PolNeAR train articles
that have a speaker layer (``training/data/speakers-train.json``) exactly as ``analyze`` does,
record the rankings the resolver makes (a module's ``RANKING_TRACE``), and keep the sources that
``tools/speaker_score.py``'s matching pairs with a gold attribution that has a speaker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from reportedly.evaluation import load_polnear, prediction_of
from reportedly.evaluation.speakers import match_predictions

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
SPEAKERS = ROOT / "training" / "data" / "speakers-train.json"


def ranked_sources(tracer: ModuleType, limit: int | None = None) -> Iterator[tuple[str, dict[str, Any], list]]:
    """``(article, gold speaker, ranking)`` for every matched source the resolver ranked, in text order.

    ``tracer`` is the module whose ``RANKING_TRACE`` list the resolver appends ``(source position,
    ranking)`` to; the first ranking at a position is the source's own.
    """
    from reportedly.api import Analyzer
    from reportedly.settings import Settings

    speakers = json.loads(SPEAKERS.read_text())
    gold = [g for g in load_polnear(TRAIN) if g.name in speakers]
    gold = gold[:limit] if limit else gold
    analyzer = Analyzer(Settings.load(pipeline={"workers": 1}))
    try:
        for g in gold:
            tracer.RANKING_TRACE = []
            doc = analyzer.analyze_text(g.text, input=g.name)
            traces: dict[int, list] = {}
            for pos, ranking in tracer.RANKING_TRACE:
                traces.setdefault(pos, ranking)
            tracer.RANKING_TRACE = None
            for att, event in match_predictions(g, speakers[g.name], prediction_of(doc)):
                spans = att["source"]["spans"]
                truth = speakers[g.name].get(event) if event else None
                if not spans or truth is None or truth.get("kind") in (None, "none") or spans[0][0] not in traces:
                    continue
                yield g.name, truth, traces[spans[0][0]]
    finally:
        tracer.RANKING_TRACE = None


def fit_logit(items: list[dict], l2: float, width: int) -> Any:
    """Weights of a conditional logit (softmax over each item's choices) that maximise the L2-penalised
    mean log-probability of the right choices, found by L-BFGS (scipy); items with no right choice are
    left out. Each item is ``{"x": choices × features, "y": right or not per choice}``."""
    import numpy as np
    from scipy.optimize import minimize

    usable = [it for it in items if any(it["y"])]
    most = max(len(it["x"]) for it in usable)
    x = np.zeros((len(usable), most, width))
    y = np.zeros((len(usable), most), dtype=bool)
    real = np.zeros((len(usable), most), dtype=bool)
    for i, it in enumerate(usable):
        n = len(it["x"])
        x[i, :n] = it["x"]
        y[i, :n] = it["y"]
        real[i, :n] = True

    def loss(w: Any) -> tuple[float, Any]:
        s = np.where(real, x @ w, -np.inf)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        right = np.where(y, p, 0.0).sum(axis=1)
        q = np.where(y, p, 0.0) / right[:, None]
        grad = -((q - p)[:, :, None] * x).sum(axis=1).mean(axis=0) + l2 * w
        return float(-np.log(right).mean() + 0.5 * l2 * w @ w), grad

    return minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x


def one_standard_error(results: list[tuple[float, float]], n: int) -> tuple[float, float]:
    """The regularisation to keep from ``(l2, cross-validated accuracy)`` pairs over ``n`` items: the
    strongest whose accuracy is within one standard error of the best (the one-standard-error rule),
    so that a choice which only fits the folds by a hair gives way to a simpler model."""
    best = max(acc for _, acc in results)
    se = (best * (1 - best) / max(1, n)) ** 0.5
    return max((l2, acc) for l2, acc in results if acc >= best - se)
