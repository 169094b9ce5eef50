"""Article-body extraction benchmark: reportedly beside its peers, from text dumps and from HTML.

    python -m reportedly.bench extraction ../shared/data/extraction-bench/dev

DIR holds ``ID.txt`` (a page rendered to plain text, as a scraper saves it), ``ID.html.gz`` (the
page) and ``ground-truth.json`` (``{ID: {"articleBody": ...}}``). Every extractor gets the same
pages, already read into memory; each one's body is scored with the benchmark's own measure
(4-gram shingle precision and recall per page, averaged over pages, F1 of the averages) and timed
over the whole folder. Text mode: reportedly's text-dump cleaner, all of the text, jusText and
trafilatura over the lines. HTML mode: reportedly's HTML reader, trafilatura, readability-lxml,
jusText. The peers come with ``pip install -e ".[peers]"``; a missing one is skipped.

``--split`` also scores each half of the folder (a fixed split by a checksum of the page id), so
a change tuned on one half can be checked on the other; the two halves' F1 should stay close.

``--titles`` only counts how many of the folder's plain texts (``*.txt``) get a title.

``--suite trafilatura DIR`` runs instead the must-contain / must-not-contain checks of
trafilatura's real-world tests (DIR is the ``tests`` folder of a trafilatura checkout, holding
``realworld_tests.py`` and ``cache/``; nothing of it ships with reportedly). The sentences are read
from the test file's assertions as written; each page goes through reportedly's HTML reader (its
body, and its body with the article's credit lines) and trafilatura with the settings the tests
use, side by side. A must-contain sentence that
trafilatura keeps by default but drops with ``include_comments=False`` counts as a reader comment,
which reportedly leaves out on purpose.

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
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from .runs import Run, number

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


def measure(fn: Callable[[Page], str], pages: list[Page], truth: list[str], repeat: int = 1,
            keep: list[str] | None = None) -> dict[str, float]:
    """Score ``fn`` on every page and time it (best of ``repeat`` passes; a failing page scores empty);
    ``keep`` receives the bodies extracted."""
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
    if keep is not None:
        keep[:] = preds
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


def _print_metadata(path: Path, ids: list[str], pages: list[Page]) -> dict[str, dict[str, tuple[int, int]]]:
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
    out = {}
    for mode, read in readers.items():
        got = {}
        for k, page in zip(ids, pages, strict=True):
            if k in gold:
                m = read(page)
                got[k] = {"authors": m.authors, "title": m.title, "date": m.date}
        scores = out[mode] = metadata_scores(gold, got)
        print(f"metadata ({mode}) against {path.name}, {len(gold)} pages: " + ", ".join(
            f"{k} {c / n:.3f} ({c}/{n})" for k, (c, n) in scores.items() if n))
    return out


def split_halves(ids: Iterable[str]) -> dict[str, str]:
    """Each page's half, "A" or "B": the pages ordered by a checksum of their id, then dealt in turn,
    so the halves are fixed, as even as can be, and chosen without looking at any page."""
    ranked = sorted(ids, key=lambda k: (zlib.crc32(k.encode("utf-8")), k))
    return {k: "AB"[n % 2] for n, k in enumerate(ranked)}


def _print_split(ids: list[str], truth: list[str], preds: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    half = split_halves(ids)
    halves = {h: [n for n, k in enumerate(ids) if half[k] == h] for h in "AB"}
    out = {}
    for mode, got in preds.items():
        f1 = out[mode] = {h: body_scores([(truth[n], got[n]) for n in idx])["f1"] for h, idx in halves.items()}
        print(f"split {mode:5} reportedly: half A ({len(halves['A'])} pages) {f1['A']:.3f}, half B "
              f"({len(halves['B'])} pages) {f1['B']:.3f}, difference {abs(f1['A'] - f1['B']):.3f}")
    return out


# -- trafilatura's real-world test pages -----------------------------------------------------------
#: The values the real-world tests' conditions are read with: plain-text output, no formatting.
_SUITE_FLAGS = {"xmloutput": False, "formatting": False, "tei_output": False, "links": False}


def _suite_checks(source: str) -> list[tuple[str, str, bool]]:
    """``(url, sentence, must_contain)`` for every ``assert "…" in result`` / ``not in result`` of
    the real-world tests' ``test_extract``, in order, the page being the last one loaded."""
    import ast

    tree = ast.parse(source)
    fn = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "test_extract"), None)
    if fn is None:
        return []
    out: list[tuple[str, str, bool]] = []
    url: list[str | None] = [None]

    def holds(test: ast.expr) -> bool:
        try:
            return bool(eval(compile(ast.Expression(test), "<suite>", "eval"), {"__builtins__": {}}, dict(_SUITE_FLAGS)))
        except Exception:  # noqa: BLE001 - a condition on anything else: not plain-text output
            return False

    def checks(test: ast.expr) -> None:
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            for value in test.values:
                checks(value)
            return
        if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))
                and isinstance(test.left, ast.Constant) and isinstance(test.left.value, str)
                and isinstance(test.comparators[0], ast.Name) and test.comparators[0].id == "result" and url[0]):
            out.append((url[0], test.left.value, isinstance(test.ops[0], ast.In)))

    def walk(body: list[ast.stmt]) -> None:
        for st in body:
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call) and st.value.args:
                first = st.value.args[0]
                if (any(isinstance(t, ast.Name) and t.id == "result" for t in st.targets)
                        and isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    url[0] = first.value
            elif isinstance(st, ast.Assert):
                checks(st.test)
            elif isinstance(st, ast.If):
                walk(st.body if holds(st.test) else st.orelse)

    walk(fn.body)
    return out


def _suite_pages(source: str) -> dict[str, str]:
    """The test file's ``MOCK_PAGES``: URL → file name under ``cache/``."""
    import ast

    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "MOCK_PAGES" for t in node.targets)
                and isinstance(node.value, ast.Dict)):
            return {str(k.value): str(v.value) for k, v in zip(node.value.keys, node.value.values, strict=True)
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)}
    return {}


def _decoded(data: bytes) -> str:
    """A cached page as the real-world tests read it: UTF-8, else the detected encoding."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def suite_scores(checks: list[tuple[str, str, bool]], texts: dict[str, str], comments: set[tuple[str, str]] | None = None
                 ) -> dict[str, int]:
    """Counts of the checks one extractor passes (``texts``: URL → its text); ``comments`` are the
    must-contain sentences that sit in reader comments, counted apart."""
    comments = comments or set()
    out = {"contain": 0, "contain_n": 0, "comment": 0, "comment_n": 0, "clean": 0, "clean_n": 0}
    for url, sentence, must in checks:
        got = sentence in texts.get(url, "")
        if not must:
            out["clean_n"] += 1
            out["clean"] += not got
        elif (url, sentence) in comments:
            out["comment_n"] += 1
            out["comment"] += got
        else:
            out["contain_n"] += 1
            out["contain"] += got
    return out


def run_suite(folder: Path, show: int = 40) -> int:
    """The real-world suite: reportedly's body and trafilatura's text, checked side by side."""
    if (folder / "tests" / "realworld_tests.py").is_file():
        folder = folder / "tests"
    test_file = folder / "realworld_tests.py"
    if not test_file.is_file() or not (folder / "cache").is_dir():
        print(f"reportedly.bench: {folder}: no realworld_tests.py and cache/ (a trafilatura checkout's tests folder)",
              file=sys.stderr)
        return 2
    source = test_file.read_text("utf-8")
    checks, files = _suite_checks(source), _suite_pages(source)
    urls = [u for u in dict.fromkeys(u for u, _, _ in checks) if u in files and (folder / "cache" / files[u]).is_file()]
    checks = [c for c in checks if c[0] in set(urls)]
    from ..clean.metadata import detect_language
    from ..readers.html import read_html_bytes

    detect_language("Le détecteur de langue se charge une fois par processus.")
    ours: dict[str, str] = {}
    credited: dict[str, str] = {}
    cpu = 0.0
    for u in urls:
        data = (folder / "cache" / files[u]).read_bytes()
        c0 = time.process_time()
        try:
            doc = read_html_bytes(data, input=files[u], url=u)
            ours[u] = doc.body
            credited[u] = "\n\n".join([ours[u], *doc.layer_texts("credit")])
        except Exception as exc:  # noqa: BLE001 - a page that fails scores empty
            print(f"  reportedly failed on {files[u]}: {exc}")
            ours[u] = credited[u] = ""
        cpu += time.process_time() - c0
    theirs: dict[str, str] = {}
    no_comments: dict[str, str] = {}
    try:
        import trafilatura
    except ImportError:
        trafilatura = None  # type: ignore[assignment]
    if trafilatura is not None:
        for u in urls:
            page = _decoded((folder / "cache" / files[u]).read_bytes())
            theirs[u] = trafilatura.extract(page, u, record_id="0000", fast=False, output_format="txt") or ""
            no_comments[u] = trafilatura.extract(page, u, record_id="0000", fast=False, output_format="txt",
                                                 include_comments=False) or ""
    comments = {(u, s) for u, s, must in checks if must and s in theirs.get(u, "") and s not in no_comments.get(u, "")}
    n_in = sum(1 for c in checks if c[2])
    print(f"trafilatura real-world suite ({folder}): {len(urls)} pages, {n_in} must-contain sentences "
          f"({len(comments)} in reader comments), {len(checks) - n_in} must-not-contain")
    print(f"{'extractor':26} {'must-contain':>14} {'in comments':>12} {'clean of must-not':>18} {'pages/s (CPU)':>14}")
    rows = [("reportedly (body)", ours, len(urls) / cpu if cpu else 0.0), ("reportedly (body, credits)", credited, 0.0)]
    if trafilatura is not None:
        rows.append(("trafilatura (defaults)", theirs, 0.0))
    else:
        print("(skipped trafilatura: not installed)")
    for name, texts, rate in rows:
        s = suite_scores(checks, texts, comments)
        print(f"{name:26} {s['contain']:>6}/{s['contain_n']:<7} {s['comment']:>5}/{s['comment_n']:<6} "
              f"{s['clean']:>9}/{s['clean_n']:<8} {rate:14.0f}" if rate else
              f"{name:26} {s['contain']:>6}/{s['contain_n']:<7} {s['comment']:>5}/{s['comment_n']:<6} "
              f"{s['clean']:>9}/{s['clean_n']:<8} {'-':>14}")
    misses = [(u, s, must) for u, s, must in checks if (u, s) not in comments
              and (s in credited[u]) != must and (trafilatura is None or (s in theirs.get(u, "")) == must)]
    if misses:
        print(f"where reportedly (body, credits) fails a check trafilatura passes ({len(misses)}):")
        for u, sentence, must in misses[:show]:
            print(f"  {'missing' if must else 'leaked '} {files[u]}: {sentence!r}")
    return 0


def count_titles(folder: Path, run: Run | None = None) -> int:
    """How many of the plain texts in ``folder`` the text-dump cleaner gives a title."""
    from ..clean.textdump import TextDumpCleaner
    from ..document import Document, Metadata
    from ..readers.text import decode_text

    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"reportedly.bench: {folder}: no *.txt files", file=sys.stderr)
        return 2
    cleaner = TextDumpCleaner()
    titled = 0
    for f in files:
        text, enc = decode_text(f.read_bytes(), f.name)
        titled += bool(cleaner(Document(text, meta=Metadata(format="text", encoding=enc))).meta.title)
    print(f"titles: {titled} of {len(files)} plain texts in {folder} ({titled / len(files):.1%})")
    if run is not None:
        run.figures["titles"] = {"titled": titled, "texts": len(files)}
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportedly.bench extraction", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, help="an extraction-bench folder (ID.txt, ID.html.gz, ground-truth.json), or "
                    "with --suite trafilatura the tests folder of a trafilatura checkout")
    ap.add_argument("--suite", choices=["bench", "trafilatura"], default="bench",
                    help="the extraction benchmark's pages (default) or trafilatura's real-world test pages")
    ap.add_argument("--split", action="store_true", help="also score each fixed half of the pages (A and B)")
    ap.add_argument("--no-peers", action="store_true", help="only reportedly's own modes")
    ap.add_argument("--all-cores", action="store_true", help="do not pin the process to one CPU core")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes per extractor; the fastest counts")
    ap.add_argument("--metadata", type=Path, metavar="GOLD",
                    help="also score authors, titles and dates (HTML and text modes) against a hand-read gold JSON file")
    ap.add_argument("--titles", action="store_true",
                    help="only count how many of the plain texts in DIR (*.txt) the text-dump cleaner gives a title")
    ap.add_argument("--save-run", type=Path, metavar="FILE",
                    help="also write the run's figures, command and machine to FILE as JSON (bench figures reads it)")
    args = ap.parse_args(argv)
    run = Run("extraction", list(sys.argv[1:] if argv is None else argv)) if args.save_run else None
    code = _main(args, run)
    if run is not None and code == 0:
        run.save(args.save_run)
    return code


def _main(args: argparse.Namespace, run: Run | None) -> int:
    if args.suite == "trafilatura":
        return run_suite(args.dir)
    if args.titles:
        return count_titles(args.dir, run)
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
    preds: dict[str, list[str]] = {"text": [], "html": []}
    rows: list[dict[str, object]] = []

    def row(mode: str, name: str, s: dict[str, float]) -> None:
        rows.append({"mode": mode, "extractor": name, **{k: number(v) for k, v in s.items()}})
        print(_row(mode, name, s), flush=True)

    row("text", "reportedly", measure(_ours_text(), pages, truth, args.repeat, preds["text"]))
    mem["after reportedly text"] = _peak_mb()
    row("html", "reportedly", measure(_ours_html(), pages, truth, args.repeat, preds["html"]))
    mem["after reportedly html"] = _peak_mb()
    if not args.no_peers:
        peers, missing = _peers()
        for mode, name, fn in sorted(peers, key=lambda p: p[0] != "text"):
            row(mode, name, measure(fn, pages, truth, args.repeat))
        for m in missing:
            print(f"(skipped {m}: not installed; pip install -e \".[peers]\")")
        mem["after peers"] = _peak_mb()
    print("peak RSS of this process: " + ", ".join(f"{k} {v:.0f} MB" for k, v in mem.items()))
    split = _print_split(ids, truth, preds) if args.split else None
    metadata = _print_metadata(args.metadata, ids, pages) if args.metadata else None
    if run is not None:
        run.figures.update({"pages": len(pages), "pinned": core, "repeat": args.repeat, "rows": rows,
                            "peak_rss_mb": {k: round(v, 1) for k, v in mem.items()}})
        if split is not None:
            run.figures["split"] = split
        if metadata is not None:
            run.figures["metadata"] = {"gold": args.metadata.as_posix(),
                                       **{m: {k: list(v) for k, v in s.items()} for m, s in metadata.items()}}
    return 0


if __name__ == "__main__":
    sys.exit(main())
