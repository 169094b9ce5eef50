"""Article-body extraction benchmark: reportedly beside its peers, from text dumps and from HTML.

    python -m reportedly.bench extraction ../shared/data/extraction-bench/dev

DIR holds ``ID.txt`` (a page rendered to plain text, as a scraper saves it), ``ID.html.gz`` (the
page) and ``ground-truth.json`` (``{ID: {"articleBody": ...}}``). Every extractor gets the same
pages, already read into memory; each one's body is scored with the benchmark's own measure
(4-gram shingle precision and recall per page, averaged over pages, F1 of the averages) and timed
over the whole folder. Text mode: reportedly's text-dump cleaner, all of the text, jusText and
trafilatura over the lines. HTML mode: reportedly's HTML reader, trafilatura, readability-lxml,
jusText. The peers come with ``pip install -e ".[peers]"``; a missing one is skipped.

By default the process is pinned to one CPU core, so pages/s is a one-core figure: wall-clock, and
from the process's CPU time ("cpu p/s"), which other load on the machine does not lower. Peak resident
memory is read after each of reportedly's modes (before any peer is loaded) and at the end. The
benchmark prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE)


# -- the measure ---------------------------------------------------------------------------------
def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def _rates(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def body_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Shingle P/R averaged over pages and the F1 of the averages (the extraction benchmark's measure)."""
    rows = [_rates(t, p) for t, p in pairs]

    def prec(r: tuple[float, float, float]) -> float:
        tp, fp, fn = r
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(r: tuple[float, float, float]) -> float:
        tp, fp, fn = r
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    ps = [prec(r) for r in rows if r[0] + r[1] > 0]
    rs = [rec(r) for r in rows if r[0] + r[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r, "n": len(rows)}


# -- metadata against a hand-read gold set ------------------------------------------------------
def _title_key(text: str | None) -> str:
    text = (text or "").casefold()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("…", "..."), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(_TOKEN.findall(text))


def _name_key(name: str) -> str:
    return "".join(_TOKEN.findall(name.casefold()))


def _stamp(value: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def date_matches(got: str | None, gold: str, precise: bool = False) -> bool:
    """Whether ``got`` names the gold publication day (``precise``: the same instant, zone stated).

    Two timestamps that both state a zone are compared as instants, the day read in the gold zone.
    """
    if not got:
        return False
    g, o = _stamp(gold), _stamp(got)
    zoned = g is not None and o is not None and g.tzinfo is not None and o.tzinfo is not None and len(got) > 10
    if precise:
        return zoned and len(gold) > 10 and o == g
    if zoned and len(gold) > 10:
        return o.astimezone(g.tzinfo).date() == g.date()
    return got[:10] == gold[:10]


def metadata_scores(gold: dict[str, dict], got: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """Correct and scored counts for authors, title, date (the day) and time (the instant, with zone).

    ``gold`` maps a page id to ``{"title", "title_alternates", "authors", "date"}``; ``got`` maps
    the same id to a document's ``meta`` fields. Authors count when the set of names is the gold set.
    """
    out = {"authors": [0, 0], "title": [0, 0], "date": [0, 0], "time": [0, 0]}
    for k, g in gold.items():
        m = got.get(k, {})
        out["authors"][1] += 1
        out["authors"][0] += {_name_key(a) for a in m.get("authors") or []} == {_name_key(a) for a in g["authors"]}
        out["title"][1] += 1
        titles = {_title_key(t) for t in [g["title"], *g.get("title_alternates", [])]}
        out["title"][0] += _title_key(m.get("title")) in titles
        if g.get("date"):
            out["date"][1] += 1
            out["date"][0] += date_matches(m.get("date"), g["date"])
            if len(g["date"]) > 10:
                out["time"][1] += 1
                out["time"][0] += date_matches(m.get("date"), g["date"], precise=True)
    return {k: (v[0], v[1]) for k, v in out.items()}


# -- extractors ----------------------------------------------------------------------------------
Page = tuple[bytes, str, bytes, str]  # txt bytes, txt str, html bytes, html str


def _ours_text() -> Callable[[Page], str]:
    from ..clean.metadata import detect_language
    from ..clean.textdump import TextDumpCleaner
    from ..document import Document, Metadata
    from ..readers.text import decode_text

    cleaner = TextDumpCleaner()
    detect_language("Le détecteur de langue se charge une fois par processus.")  # its model, outside the timing

    def run(page: Page) -> str:
        text, enc = decode_text(page[0], "<bench>")
        return cleaner(Document(text, meta=Metadata(format="text", encoding=enc))).body

    return run


def _ours_html() -> Callable[[Page], str]:
    from ..clean.metadata import detect_language
    from ..readers.html import read_html_bytes

    detect_language("Le détecteur de langue se charge une fois par processus.")

    return lambda page: read_html_bytes(page[2], input="<bench>").body


def _as_paragraph_html(text: str) -> str:
    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


def _peers() -> tuple[list[tuple[str, str, Callable[[Page], str]]], list[str]]:
    """The peer extractors that are installed, and a note for each one that is not."""
    peers: list[tuple[str, str, Callable[[Page], str]]] = [("text", "all text", lambda pg: pg[1])]
    missing = []
    try:
        import trafilatura

        peers.append(("text", "trafilatura over lines",
                      lambda pg: trafilatura.extract(_as_paragraph_html(pg[1])) or ""))
        peers.append(("html", "trafilatura (defaults)", lambda pg: trafilatura.extract(pg[3]) or ""))
    except ImportError:
        missing.append("trafilatura")
    try:
        import justext

        stop = justext.get_stoplist("English")

        def jt(markup: str) -> str:
            return "\n".join(p.text for p in justext.justext(markup.encode(), stop) if not p.is_boilerplate)

        peers.append(("text", "jusText over lines", lambda pg: jt(_as_paragraph_html(pg[1]))))
        peers.append(("html", "jusText", lambda pg: jt(pg[3])))
    except ImportError:
        missing.append("justext")
    try:
        import html_text
        from readability import Document as Readable

        peers.append(("html", "readability-lxml", lambda pg: html_text.extract_text(Readable(pg[3]).summary())))
    except ImportError:
        missing.append("readability-lxml + html-text")
    return peers, missing


# -- running -------------------------------------------------------------------------------------
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def load_pages(folder: Path) -> tuple[list[str], dict[str, str], list[Page]]:
    gt = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(k for k in gt if (folder / f"{k}.txt").exists() and (folder / f"{k}.html.gz").exists())
    pages = []
    for k in ids:
        txt = (folder / f"{k}.txt").read_bytes()
        page_html = gzip.decompress((folder / f"{k}.html.gz").read_bytes())
        pages.append((txt, txt.decode("utf-8", "replace"), page_html, page_html.decode("utf-8", "replace")))
    return ids, {k: gt[k]["articleBody"] for k in ids}, pages


def measure(fn: Callable[[Page], str], pages: list[Page], truth: list[str], repeat: int = 1) -> dict[str, float]:
    """Score ``fn`` on every page and time it (best of ``repeat`` passes; a failing page scores empty)."""
    try:
        fn(pages[0])  # warm-up: imports, caches
    except Exception:  # noqa: BLE001 - a peer failing on a page scores empty
        pass
    best, best_cpu = float("inf"), float("inf")
    preds: list[str] = []
    for _ in range(max(1, repeat)):
        preds = []
        t0, c0 = time.perf_counter(), time.process_time()
        for page in pages:
            try:
                preds.append(fn(page) or "")
            except Exception:  # noqa: BLE001
                preds.append("")
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    s = body_scores(zip(truth, preds, strict=True))
    s["seconds"] = best
    s["pages_per_s"] = len(pages) / best if best else float("inf")
    s["ms_per_page"] = best / len(pages) * 1000
    s["cpu_pages_per_s"] = len(pages) / best_cpu if best_cpu else float("inf")
    return s


def _rate(x: float) -> str:
    return f"{x:9.0f}" if x < 1e5 else f"{'-':>9}"  # "all text" takes no time worth printing


def _row(mode: str, name: str, s: dict[str, float]) -> str:
    return (f"{mode:5} {name:28} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
            f"{s['ms_per_page']:9.1f} {_rate(s['pages_per_s'])} {_rate(s['cpu_pages_per_s'])}")


def _print_metadata(path: Path, ids: list[str], pages: list[Page]) -> None:
    from ..clean.textdump import TextDumpCleaner
    from ..document import Document, Metadata
    from ..readers.html import read_html_bytes
    from ..readers.text import decode_text

    data = json.loads(path.read_text("utf-8"))
    gold = {k: v for k, v in data.get("pages", data).items() if k in ids}
    cleaner = TextDumpCleaner()
    readers = {
        "html": lambda page: read_html_bytes(page[2], input="<bench>").meta,
        "text": lambda page: cleaner(Document(decode_text(page[0], "<bench>")[0], meta=Metadata(format="text"))).meta,
    }
    for mode, read in readers.items():
        got = {}
        for k, page in zip(ids, pages, strict=True):
            if k in gold:
                m = read(page)
                got[k] = {"authors": m.authors, "title": m.title, "date": m.date}
        scores = metadata_scores(gold, got)
        print(f"metadata ({mode}) against {path.name}, {len(gold)} pages: " + ", ".join(
            f"{k} {c / n:.3f} ({c}/{n})" for k, (c, n) in scores.items() if n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench extraction", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, help="an extraction-bench folder (ID.txt, ID.html.gz, ground-truth.json)")
    ap.add_argument("--no-peers", action="store_true", help="only reportedly's own modes")
    ap.add_argument("--all-cores", action="store_true", help="do not pin the process to one CPU core")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes per extractor; the fastest counts")
    ap.add_argument("--metadata", type=Path, metavar="GOLD",
                    help="also score authors, titles and dates (HTML and text modes) against a hand-read gold JSON file")
    args = ap.parse_args(argv)
    if not (args.dir / "ground-truth.json").is_file():
        print(f"reportedly.bench: {args.dir}: no ground-truth.json", file=sys.stderr)
        return 2
    core = "all cores"
    if not args.all_cores and hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        core = f"one core (cpu {cpu})"
    ids, gt, pages = load_pages(args.dir)
    if not pages:
        print(f"reportedly.bench: {args.dir}: no page has both ID.txt and ID.html.gz", file=sys.stderr)
        return 2
    truth = [gt[k] for k in ids]
    print(f"body extraction on {args.dir}: {len(pages)} pages, {core}, best of {args.repeat} pass(es)")
    print(f"{'mode':5} {'extractor':28} {'F1':>6} {'P':>6} {'R':>6} {'ms/page':>9} {'pages/s':>9} {'cpu p/s':>9}")
    mem = {"start": _peak_mb()}
    print(_row("text", "reportedly", measure(_ours_text(), pages, truth, args.repeat)), flush=True)
    mem["after reportedly text"] = _peak_mb()
    print(_row("html", "reportedly", measure(_ours_html(), pages, truth, args.repeat)), flush=True)
    mem["after reportedly html"] = _peak_mb()
    if not args.no_peers:
        peers, missing = _peers()
        for mode, name, fn in sorted(peers, key=lambda p: p[0] != "text"):
            print(_row(mode, name, measure(fn, pages, truth, args.repeat)), flush=True)
        for m in missing:
            print(f"(skipped {m}: not installed; pip install -e \".[peers]\")")
        mem["after peers"] = _peak_mb()
    print("peak RSS of this process: " + ", ".join(f"{k} {v:.0f} MB" for k, v in mem.items()))
    if args.metadata:
        _print_metadata(args.metadata, ids, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
