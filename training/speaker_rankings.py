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
