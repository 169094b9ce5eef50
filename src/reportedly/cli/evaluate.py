"""``reportedly eval polnear DIR``: attribution scores on a PolNeAR compartment, per publisher too,
and who said what when the compartment has a ``speakers.json``."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from ..api import Analyzer
from ..errors import ModelError
from ..evaluation import (
    Scores,
    load_polnear,
    load_publishers,
    prediction_of,
    score_attributions,
    score_speakers,
)
from ..evaluation.scoring import format_table
from ..evaluation.speakers import SpeakerScores
from ..readers import Failure
from .corpus import _scored_settings, add_model
from .progress import progress, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score attributions against an annotated corpus",
        description="Analyse every article of a PolNeAR compartment exactly as `analyze` would and print "
        "exact-span, token and relation P/R/F1 (PolNeAR's definitions), then the same per publisher; with "
        "a speakers file (DIR/speakers.json by default), speaker accuracy and who-said-what P/R/F1.",
    )
    p.add_argument("corpus", choices=["polnear"], help="the annotation scheme of DIR")
    p.add_argument("dir", metavar="DIR", help="a compartment folder with text/ and attributions/")
    p.add_argument("--limit", type=int, default=0, help="only the first N articles")
    p.add_argument("--predictions", metavar="FILE", help="also write the predictions as {name: [attribution]}")
    p.add_argument("--no-publishers", action="store_true", help="skip the per-publisher breakdown")
    p.add_argument("--speakers", metavar="FILE", help="gold speakers {article: {event id: record}} "
                   "(default: DIR/speakers.json when present)")
    p.add_argument("--speaker-errors", type=int, default=0, metavar="N", help="list N wrong speakers")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    add_model(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    gold = load_polnear(args.dir, limit=args.limit or None)
    publishers = load_publishers(args.dir)
    try:
        analyzer = Analyzer(_scored_settings(args)).load()
    except ModelError as exc:
        say(f"reportedly: {exc}")
        return 2
    by_path = {str(Path(args.dir) / "text" / f"{g.name}.txt"): g for g in gold}
    total = Scores()
    per_pub: dict[str, Scores] = defaultdict(Scores)
    preds: dict[str, list] = {}
    failures = 0
    speakers_file = Path(args.speakers) if args.speakers else Path(args.dir) / "speakers.json"
    if args.speakers and not speakers_file.is_file():
        say(f"reportedly: {speakers_file}: no such speakers file")
        return 2
    gold_speakers = json.loads(speakers_file.read_text("utf-8")) if speakers_file.is_file() else None
    who = SpeakerScores()
    with progress(total=len(gold), disable=args.no_progress) as bar:
        for item in analyzer.analyze_paths(list(by_path)):
            bar.update(1)
            if isinstance(item, Failure):
                failures += 1
                bar.write(f"reportedly: {item}")
                continue
            g = by_path[item.input]
            pred = [{"source": a.source.spans, "cue": a.cue, "content": a.content} for a in item.attributions]
            preds[g.name] = [{k: [list(p) for p in v] for k, v in r.items()} for r in pred]
            sc = score_attributions(g.text, g.relations, pred)
            total.add(sc)
            per_pub[publishers.get(g.name, g.name.split("_")[0])].add(sc)
            if gold_speakers is not None and g.name in gold_speakers:
                who.add(score_speakers(g, gold_speakers[g.name], prediction_of(item)))
    print(f"{len(gold) - failures} articles, {sum(len(g.relations) for g in gold)} gold attributions, "
          f"{sum(len(p) for p in preds.values())} predicted")
    print(format_table(total.table()))
    if not args.no_publishers and per_pub:
        print()
        print(f"{'publisher':16s} {'docs':>4s} {'source':>7s} {'cue':>7s} {'content':>7s} {'relation':>8s}  (span F1)")
        counts: dict[str, int] = defaultdict(int)
        for g in gold:
            counts[publishers.get(g.name, g.name.split("_")[0])] += 1
        for pub in sorted(per_pub):
            s = per_pub[pub]
            print(f"{pub:16s} {counts[pub]:4d} {s.f1('span/source'):7.3f} {s.f1('span/cue'):7.3f} "
                  f"{s.f1('span/content'):7.3f} {s.f1('relation'):8.3f}")
    if gold_speakers is not None:
        print()
        print("\n".join(who.lines()))
        for e in who.errors[:args.speaker_errors]:
            print("  wrong:", e)
    if args.predictions:
        Path(args.predictions).write_text(json.dumps(preds))
    if failures:
        say(f"reportedly: {failures} article(s) could not be analysed")
    return 1 if failures else 0
